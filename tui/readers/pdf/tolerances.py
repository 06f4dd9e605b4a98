"""The PDF reader's tolerances, named (as pdfplumber names its ``DEFAULT_X_TOLERANCE`` …).

Geometry-free: no distance is in points. Names ending in ``_EM`` are fractions of the font size of
the words compared -- a label's for the boxes and padding it opens, a column header's for its
column, the text's own for gaps between words and lines -- so every tolerance scales with the print
(paper, orientation, margins and browser scale change the page's coordinates and font sizes
together; they never change one without the other). The others are counts or ratios. (For
scale: EDGAR's labels print at 7.5 pt from Chromium at 100 % on Letter, 5.8 pt from wkhtmltopdf,
9 pt from WeasyPrint; 1 em of a label is about 2.6 CSS pixels of padding.)
"""

from __future__ import annotations

# --- characters -> words (words.py)
#: characters of one word have font sizes this close
SAME_SIZE_EM = 0.04
#: ... tops this close
SAME_LINE_EM = 0.3
#: ... and the next character starts at most this far right of the previous one (a wider gap is a
#: space the PDF did not write) and at most OVERLAP left of it (kerning)
CHAR_GAP_EM = 0.12
CHAR_OVERLAP_EM = 0.3

# --- words -> lines and runs (layout.py)
#: two words' vertical overlap, as a share of the smaller height, that puts them on one line
LINE_OVERLAP = 0.35
#: lines looked back at when placing a word (raised marks stay with their line)
LINE_LOOKBACK = 3
#: a gap this wide between two words of one line is written as a space
SPACE_GAP_EM = 0.1
#: words of one run (a value with its "$" and marks): the gap after a written space ...
RUN_GAP_AFTER_SPACE_EM = 0.6
#: ... without a written space (where the PDF writes spaces, none means a cell border) ...
RUN_GAP_EM = 0.12
#: ... and in a PDF that writes no spaces at all (wkhtmltopdf)
RUN_GAP_NO_SPACES_EM = 0.4
#: words of a run may overlap this much (kerning) and must share this share of their height; a
#: text "touches" another within RUN_OVERLAP_EM (rounding of glyph boxes)
RUN_OVERLAP_EM = 0.07
RUN_SHARED_HEIGHT = 0.2

# --- table columns (columns.py)
#: a word left of a column's start by this much (of the header's size) still belongs to it
#: (rounding of cell padding)
COLUMN_SLACK_EM = 0.2
#: sub-headers starting further than this right of their header's text are centred, not left-aligned
CENTRED_OFFSET_EM = 0.2
#: a spanning header's sub-headers start at most this far left of it, or above its top
HEADER_SLACK_EM = 0.13
#: in the equal-shares fallback, the gap left between two sub-columns
FALLBACK_GAP_EM = 0.5
#: a header's own wrapped lines follow each other closer than this
HEADER_LINE_GAP_EM = 1.0
#: words of one sub-header cell are at most this far apart
SUB_HEADER_GAP_EM = 0.35
#: width given to the last spanning header when its sub-headers cannot be found
FALLBACK_HEADER_WIDTH_EM = 8.0

# --- table rows (rows.py)
#: a cell's wrapped lines are closer than this (a row gap is wider)
CELL_LINE_GAP_EM = 0.8
#: ... and evenly spaced: within this of the cell's smallest gap so far
CELL_LINE_EVEN_EM = 0.2
#: a lone raised footnote mark reaches down by this share of its height to its row's baseline
MARK_REACH = 0.6
#: blocks whose spans overlap by more than this are one row
ROW_OVERLAP_EM = 0.04
#: float noise in coordinates (the data starts at the top of its first word)
EPSILON_EM = 0.002
#: a cell is centred on its row's anchor when their centres are this close
CENTRED_ON_ANCHOR_EM = 0.3

# --- ruled rows (ruled.py)
#: a border segment is a shape this many times wider than tall ...
RULE_ASPECT = 4.0
#: ... at most this thick (of the data's size; a border is a hairline, a line of text is 1 em) ...
RULE_THICKNESS_EM = 0.3
#: ... and segments this close in y are one rule (an inset border's dark and light halves)
RULE_MERGE_EM = 0.3
#: a row's border covers at least this share of the table's width (not an underline)
RULE_COVERAGE = 0.5
#: a row cut by a page break and drawn whole on both pages: the two bands' heights this close ...
RULE_SAME_HEIGHT_EM = 0.3
#: ... and at least this much of each without text (the part the other page shows; a cell's padding
#: is a fraction of an em, a line moved to the other page at least its height)
RULE_CUT_EMPTY_EM = 1.0

# --- boxes (boxes.py, form.py)
#: a box's text starts this far right of its border (cell padding): a box's region starts this
#: far left of its label (of the label's size)
BOX_PADDING_EM = 0.27
#: ... and the owner boxes' (box 1, the owner list after Table II) this far
OWNER_BOX_PADDING_EM = 0.53
#: two labels are on different lines when their tops differ by more than this
LABEL_LINE_EM = 0.13
#: a label of the same table row as another (the signature's "Date" beside its caption) has its
#: top within this of the other's top and bottom (cells are aligned differently: up to 0.6 em apart)
SAME_LABEL_LINE_EM = 1.0
#: a value word is in a link's rectangle within this (annotation rectangles are rounded)
LINK_SLACK_EM = 0.13
#: street lines: a single printed line that sits this much lower (in line heights) than it would
#: as the first line is the second street line under an empty first one
SECOND_STREET_LINE_EM = 1.15
#: ... and, where a page break falls between that line and "(Street)", the space above it is at
#: least this much (of its size) more than the space above the city line under "(Street)" (a first
#: line under a caption row): an empty first row adds 0.29-0.31 em (Chromium, WeasyPrint; a first
#: street line's space is within 0.25 em of the city line's)
EMPTY_STREET_ROW_EM = 0.3
#: owner-list/box-1 lines further apart than this are separate blocks (table rows)
BLOCK_GAP_EM = 0.45
#: a relationship "X" is at most this share of the Director-to-10%-Owner distance (+ slack, of
#: the label's size) left of its label
CHECK_REACH = 0.25
CHECK_REACH_EM = 1.33

# --- document artefacts (document.py)
#: wkhtmltopdf's copied cut line: the next page's first line (words whose tops are within this
#: share of their size of the topmost value word's: the cells of a row are centred, so the lines of
#: its other cells start lower) ...
CUT_LINE_TOP_EM = 0.3
#: ... matching words at this page's bottom within this share ...
CUT_LINE_BOTTOM_EM = 0.6
#: ... at the same x (to this much) ...
CUT_LINE_SAME_X_EM = 0.007
#: ... all moved by one distance (to this much)
CUT_LINE_SHIFT_EM = 0.04
#: words on one line have tops this close (a clipped fragment has nothing else on its line)
SAME_LINE_TOP_EM = 0.03
#: the browser's header/footer: the same words on every page at the same place, to this much
FURNITURE_SLACK_EM = 0.1
#: ... a line of it: words whose middles are this close to the edge word's
FURNITURE_LINE_EM = 0.5
#: ... at most this many lines at the top and at the bottom
FURNITURE_MAX_LINES = 3
#: a "line" of this many lone descender glyphs and nothing else is a clipped fragment
CLIPPED_MIN_GLYPHS = 3

# --- printouts without colour (mono.py)
#: below "Explanation of Responses:", serif text at most this size (relative to that label, which
#: is set at the footnotes' size) is footnote or remarks text; the signature is set larger
NOTE_SIZE_RATIO = 1.1
