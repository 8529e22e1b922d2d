"""The HTML edition (`{slug}.html` + `{slug}-assets/`) and the download page (`index.html`). Empty on
purpose: importing one module of the package does not run the others.
"""
