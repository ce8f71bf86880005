"""Python forms generated from ui/*.ui by scripts/build-ui; do not edit by hand."""
