"""Administration views: the codebook of themes and the interview guides."""
