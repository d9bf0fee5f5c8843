"""The Qt face of the inspector: the only package that imports Qt."""
