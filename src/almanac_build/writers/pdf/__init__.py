"""The print PDF and the large-print PDF (ReportLab). Empty on purpose: a writer that borrows one
module (the DOCX writer uses fonts.py) does not run the whole PDF layout code.
"""
