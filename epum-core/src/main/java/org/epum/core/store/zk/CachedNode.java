package org.epum.core.store.zk;

/** A decoded znode in the cache: its value and the znode version it was read at. */
record CachedNode<T>(T value, int version, long mzxid) {}
