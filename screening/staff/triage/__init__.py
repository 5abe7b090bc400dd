"""The front desk's triage of submissions.

views.py holds the queue and submission pages, actions.py the changes made from them (acknowledge,
status, note), live.py the open queue's polling, documents.py the PDFs and exports; the operations
beside them: filters.py (the queue's filter from the URL), queue.py (the query, in triage order),
rows.py (what a queue row shows), workflow.py (acknowledgement, status changes and notes) and
export.py (CSV and JSON lines).
"""
