"""The editors' loop (issue #13): placeholder links filled from a spreadsheet, Word contributions
imported as chapters, and a live preview with the source findings beside the page."""
