"""Combining the workspaces of a firm's consultants through a sync folder: change bundles (``bundles``)."""
