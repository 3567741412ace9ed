package org.epum.core.store.zk;

/** What the cache knows of any znode under the root, decoded or not: enough to wait for a write. */
record NodeStat(int version, long czxid, long mzxid) {}
