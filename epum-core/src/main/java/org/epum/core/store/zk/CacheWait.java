package org.epum.core.store.zk;

/** A condition on the cache that a write waits for before it returns, so its writer reads it back. */
sealed interface CacheWait {
  boolean isMet(CacheView view);

  /** The cache shows the node at the transaction's zxid or later. */
  record Written(String path, long zxid) implements CacheWait {
    @Override
    public boolean isMet(CacheView view) {
      return view.stat(path).map(s -> s.mzxid() >= zxid).orElse(false);
    }
  }

  /**
   * The cache no longer shows the node that was deleted ({@code czxid} identifies it, or is -1 when
   * unknown), though it may show one created since under the same path.
   */
  record Gone(String path, long czxid) implements CacheWait {
    @Override
    public boolean isMet(CacheView view) {
      return view.stat(path).map(s -> czxid >= 0 && s.czxid() != czxid).orElse(true);
    }
  }
}
