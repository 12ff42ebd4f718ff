"""Benchmarks: each reports Slate against a baseline measured in the same run."""
