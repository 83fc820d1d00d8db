"""Figures and reports built from model results (no physics here)."""
