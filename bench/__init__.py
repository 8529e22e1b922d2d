"""`make bench` (`python -m bench` from the checkout): timings of the built tool against the reference
pipelines. Not part of the installed package: nothing the build or the checks run lives here."""
