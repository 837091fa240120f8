"""Candidate lists from clients' applicant-tracking systems (Greenhouse, Lever, Workday, SAP SuccessFactors,
Teamtailor or any spreadsheet): reading CSV and XLSX, mapping columns to candidate fields, checking every row and
finding duplicates before anything is written, and the all-or-nothing import. No SQL here: the store's
``candidate_lists`` part writes."""
