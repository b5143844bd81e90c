package vn.onestop.infra;

import java.nio.file.Path;

/**
 * The per-user cache directory of the local infrastructure: system property {@code
 * onestop.cache.dir}, else {@code $XDG_CACHE_HOME/onestop}, else {@code ~/.cache/onestop}.
 */
final class CacheDirectory {
  private CacheDirectory() {}

  /**
   * @return the cache directory (may not exist yet)
   */
  static Path get() {
    String explicit = System.getProperty("onestop.cache.dir");
    if (explicit != null && !explicit.isBlank()) {
      return Path.of(explicit);
    }
    String xdg = System.getenv("XDG_CACHE_HOME");
    if (xdg != null && !xdg.isBlank()) {
      return Path.of(xdg, "onestop");
    }
    return Path.of(System.getProperty("user.home"), ".cache", "onestop");
  }
}
