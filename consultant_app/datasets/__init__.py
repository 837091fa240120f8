"""Anonymised datasets: one row per completed interview and one per shareable answer, with direct
identifiers removed, text redacted and quasi-identifiers generalised until every combination is
shared by at least *k* rows. Written as CSV (and optionally XLSX) with a Frictionless data
package, a human-readable codebook and a manifest."""
