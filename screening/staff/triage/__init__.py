"""The front desk's triage of submissions.

views.py holds the queue and submission pages, documents.py the PDFs and exports; the operations
beside them: filters.py (the queue's filter from the URL), queue.py (the query, in triage order),
workflow.py (status changes and notes) and export.py (CSV and JSON lines).
"""
