"""Readers of the source documents (seed 003, the ICS Board pack of 2 December 2020)."""
