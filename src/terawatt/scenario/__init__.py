"""Scenario engine: uncertain parameters, sampling, sensitivity analysis."""
