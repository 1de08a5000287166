"""The build layer: an atomic site build (lock, staging, search index, swap) and the preview server."""
