"""The editorial layer: editors' corrections files and the review report over an extraction."""
