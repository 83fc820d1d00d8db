"""Designs in space: the AI satellite (and later the launch market and constellations)."""
