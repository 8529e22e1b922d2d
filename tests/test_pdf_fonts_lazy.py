"""The PDF writer reads the fallback font's files (DejaVu Sans, about 7 ms a face) only when some text
needs a character the theme's font lacks; what it draws is the same either way (the blocks tests hold
the fallback's drawing, the almanac's outputs stayed byte-identical)."""

import subprocess
import sys

PROBE = """
from reportlab.platypus.paraparser import ParaFrag
from almanac_build.styles import load_theme
from almanac_build.writers.pdf import fonts

names = fonts.register_fonts(load_theme())
unread = lambda: sorted(n for n in fonts._UNREAD if n.startswith(fonts.FALLBACK_BASE))

def frag(text):
    f = ParaFrag(); f.text = text; f.fontName = names.regular
    return f

kept = fonts.with_fallback([frag("Plain text, all of it in the theme's font: £5 – 10%.")])
print(len(kept), kept[0].fontName, len(unread()))
cut = fonts.with_fallback([frag("Ελλάδα and Wales")])
print([(f.text, f.fontName) for f in cut], len(unread()))
"""


def test_the_fallback_font_is_read_only_when_some_text_needs_it():
    lines = subprocess.run([sys.executable, "-c", PROBE], capture_output=True, text=True, check=True).stdout.splitlines()
    assert lines[0] == "1 AtkinsonHyperlegible 4"  # nothing cut, no fallback face read
    assert lines[1] == "[('Ελλάδα', 'DejaVuSans'), (' and Wales', 'AtkinsonHyperlegible')] 3"  # the one face needed
