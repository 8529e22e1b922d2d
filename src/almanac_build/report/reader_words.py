"""Each rule's problem as a reader of the publication meets it, and what the next edition will do about
it: the words of the accessibility statement. The rule's own summary and fix speak to editors (source
files, styles, markup) and stay in the accessibility report; a test requires an entry here for every
rule that can reach the statement (errors and warnings)."""

from __future__ import annotations

# rule id -> (what a reader meets, what the next edition does)
READER_WORDS: dict[str, tuple[str, str]] = {
    "colour-only-table-cell": (
        "Some table cells give their meaning by colour alone, so a reader who cannot tell the colours apart "
        "misses it.",
        "every coloured cell will also say its meaning in words."),
    "contrast-text": (
        "Some text is pale against its background and hard to read.",
        "the colours will be changed so that all text has enough contrast."),
    "doc-lang-missing": (
        "Screen readers are not told which language the text is in, so they may pronounce it wrongly.",
        "every edition will declare its language."),
    "doc-title-filename": (
        "The title shown in the browser tab or reading app looks like a file name rather than the "
        "publication's title.",
        "every edition will carry the publication's title."),
    "doc-title-missing": (
        "The browser tab or reading app shows no title for the publication.",
        "every edition will carry the publication's title."),
    "docx-heading-styles": (
        "Some headings in the Word document are not marked as headings, so they are missing from the "
        "navigation pane and from screen readers' lists of headings.",
        "every heading will be marked as a heading."),
    "epub-a11y-metadata-recommended": (
        "The e-book does not fully describe its own accessibility to reading apps and online shops.",
        "the e-book will carry a complete accessibility summary."),
    "epub-a11y-metadata-required": (
        "The e-book does not describe its own accessibility to reading apps and online shops.",
        "the e-book will carry complete accessibility information."),
    "epub-a11y-metadata-values": (
        "The accessibility information inside the e-book contains values that reading apps do not recognise.",
        "the e-book's accessibility information will use only recognised values."),
    "epub-conformance-claim": (
        "The e-book's statement of which accessibility standard it meets is incomplete.",
        "the e-book will state the standard it meets and who checked it."),
    "epub-nav-toc": (
        "Some entries in the e-book's table of contents do not take you to the right place.",
        "every contents entry will lead to its chapter or section."),
    "epub-page-list": (
        "The e-book's list of printed page numbers does not match its pages, so going to a page number "
        "from the print edition may not work.",
        "the page list will match the printed pages."),
    "fake-heading": (
        "Some lines look like headings (short lines in bold or italic) but are not marked as headings, so "
        "screen reader users cannot jump to them or find them in the list of headings.",
        "these lines will become real headings, or ordinary text if they are not headings."),
    "fake-list": (
        "Some lists are typed as ordinary lines with bullets or numbers, so screen readers do not announce "
        "them as lists or say how many items they have.",
        "they will be made into real lists."),
    "glyph-missing": (
        "Some characters cannot be drawn by the fonts of the printed editions: they print as empty boxes "
        "and are missing when the text is copied or read aloud.",
        "every character will be printed in a font that has it."),
    "heading-duplicate": (
        "Two headings in a row have the same words, which makes the list of headings harder to follow.",
        "each heading will say what its own section is about."),
    "heading-empty": (
        "Some headings have no words, so screen readers announce an empty heading.",
        "empty headings will be removed or given their words."),
    "heading-h1-count": (
        "The main title is not marked as the one top-level heading, which confuses the outline that screen "
        "readers and navigation panes show.",
        "each edition will have one top-level heading, the title."),
    "heading-level-skip": (
        "The heading levels jump (for example from a level 2 heading straight to level 4), so the outline "
        "that screen readers and navigation panes show has gaps.",
        "the heading levels will follow each other in order."),
    "heading-too-long": (
        "Some headings are very long, which makes the list of headings hard to scan.",
        "long headings will be shortened."),
    "html-landmarks": (
        "The web page does not mark out its main content, so screen reader and keyboard users cannot skip "
        "straight to it.",
        "the web page will mark its main content and offer a link to skip to it."),
    "img-alt-duplicates-text": (
        "Some pictures have a description that repeats the text beside them, so screen readers read the "
        "same words twice.",
        "each description will add what the picture shows, or the picture will be marked decorative."),
    "img-alt-filename": (
        "Some pictures are described only by a file name, which tells a screen reader user nothing.",
        "every picture will have a description of what it shows."),
    "img-alt-missing": (
        "Some pictures have no text description, so people who cannot see them miss what they show.",
        "every picture will have a description, or be marked decorative if it adds nothing."),
    "img-alt-placeholder": (
        "Some pictures are described with a placeholder word such as \u201cimage\u201d, which tells a screen "
        "reader user nothing.",
        "every picture will have a description of what it shows."),
    "img-alt-redundant-phrasing": (
        "Some picture descriptions start with words such as \u201cimage of\u201d, which screen readers "
        "already announce.",
        "the descriptions will start with what the picture shows."),
    "img-alt-whitespace": (
        "Some pictures have a blank description, so screen readers may read out the file name instead.",
        "every picture will have a description, or be marked decorative if it adds nothing."),
    "img-decorative-conflict": (
        "Some pictures are marked as decorative but also have a description, so different reading tools "
        "treat them differently.",
        "each picture will be either described or decorative, not both."),
    "lang-invalid": (
        "The language of the text is given in a form that screen readers do not recognise, so they may "
        "pronounce it wrongly.",
        "every edition will name its language correctly."),
    "link-distinguishable": (
        "Some links are not underlined, so they can only be told apart from the text around them by colour.",
        "all links will be underlined."),
    "link-download-file-info": (
        "Some links lead to a file to download (such as a PDF) without saying so, so you only find out "
        "after following the link.",
        "each link to a file will say the file's type."),
    "link-empty": (
        "Some links have no destination yet, so they are shown as plain text and you cannot follow them.",
        "each of them will have its address, or will be removed."),
    "link-same-text-different-target": (
        "Some links use the same words but go to different places, so in a list of links you cannot tell "
        "them apart.",
        "the words of each link will say where it goes."),
    "link-text-generic": (
        "Some links say only \u201cclick here\u201d, \u201chere\u201d or \u201cread more\u201d, which does "
        "not say where they go.",
        "the words of each link will say where it goes."),
    "link-text-too-short": (
        "Some links are only one or two characters long, which makes them hard to select and does not say "
        "where they go.",
        "the words of each link will say where it goes."),
    "link-text-url": (
        "Some links show a long web address instead of words, which is hard to read, especially with a "
        "screen reader.",
        "these links will use words that say where they go."),
    "list-structure": (
        "Some lists are not built as lists, so screen readers do not announce them as lists or say how many "
        "items they have.",
        "every list will be built as a list."),
    "min-font-size": (
        "The body text is smaller than 12 point, which some readers find hard to read.",
        "the body text will be at least 12 point; the large-print edition is available meanwhile."),
    "pdf-bookmarks": (
        "The PDF has no bookmarks, or they do not follow the headings, so you cannot jump to a section "
        "from the bookmarks panel.",
        "the PDF's bookmarks will follow its headings."),
    "pdf-content-tagged-or-artifact": (
        "Some text in the PDF is missing from what screen readers read out.",
        "all text in the PDF will be available to screen readers."),
    "pdf-display-doc-title": (
        "The PDF viewer shows the file name instead of the publication's title.",
        "the PDF will ask viewers to show its title."),
    "pdf-fonts-unicode": (
        "Some characters in the PDF may come out wrongly when the text is copied, searched or read aloud.",
        "every character in the PDF will be readable by software."),
    "pdf-link-annotation": (
        "Some links in the PDF are not announced as links by screen readers.",
        "every link in the PDF will be announced as a link."),
    "pdf-tab-order": (
        "In the PDF, pressing the Tab key may move between links in an unexpected order.",
        "the PDF's links will be reached in reading order."),
    "pdf-tagged": (
        "The PDF has no structure for screen readers, so headings, lists and tables are not announced.",
        "the PDF will carry its structure."),
    "pdf-ua-identifier": (
        "The PDF does not say that it follows the PDF accessibility standard, so some tools do not treat "
        "it as accessible.",
        "the PDF will identify itself as following the standard."),
    "table-blank-rows-columns": (
        "Some tables have an empty row or column, which screen readers announce as a row or column of "
        "blank cells.",
        "empty rows and columns will be removed."),
    "table-empty-header-cell": (
        "Some table headings are blank, so screen readers cannot say what a row or column is about.",
        "every table heading will have its words."),
    "table-header-missing": (
        "Some tables have no marked headings, so screen readers cannot say which row and column a cell "
        "belongs to.",
        "every table will have marked headings."),
    "template-leftover": (
        "Some places show leftover template codes (such as words in double curly brackets) instead of the "
        "words they stood for.",
        "the codes will be replaced by their words."),
    "text-justified": (
        "Some text is justified, which leaves uneven gaps between words that some readers find hard to follow.",
        "the text will be aligned to the left."),
}

# The names of the success criteria the rules cite (WCAG 2.2), so a reader sees what a number means.
CRITERIA: dict[str, str] = {
    "1.1.1": "Non-text content", "1.3.1": "Info and relationships", "1.3.2": "Meaningful sequence",
    "1.3.3": "Sensory characteristics", "1.4.1": "Use of colour", "1.4.3": "Contrast (minimum)",
    "1.4.4": "Resize text", "1.4.5": "Images of text", "1.4.8": "Visual presentation", "2.4.1": "Bypass blocks",
    "2.4.2": "Page titled", "2.4.3": "Focus order", "2.4.4": "Link purpose (in context)",
    "2.4.5": "Multiple ways", "2.4.6": "Headings and labels", "2.4.9": "Link purpose (link only)",
    "3.1.1": "Language of page", "3.1.2": "Language of parts", "3.1.5": "Reading level",
    "4.1.2": "Name, role, value",
}
