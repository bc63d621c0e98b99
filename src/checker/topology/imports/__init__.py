"""Topology files written from where organisations already describe their teams."""
