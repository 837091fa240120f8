"""Pure domain: records, taxonomy and the confidentiality rules. No I/O, no Qt, no SQL."""
