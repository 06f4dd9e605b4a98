"""The PDF reader's tolerances, named (as pdfplumber names its ``DEFAULT_X_TOLERANCE`` …).

Names ending in ``_EM`` are fractions of the font size of the words compared (so they hold at any
print scale); ``_PT`` are PDF points (1/72 inch), kept only where a distance is a sub-pixel
rounding slack; the others are counts or ratios.
"""

from __future__ import annotations

# --- characters -> words (words.py)
#: characters of one word have font sizes this close
SAME_SIZE_PT = 0.3
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
#: words of a run may overlap this much (kerning) and must share this share of their height
RUN_OVERLAP_PT = 0.5
RUN_SHARED_HEIGHT = 0.2

# --- table columns (columns.py)
#: a word left of a column's start by this much still belongs to it (rounding of cell padding)
COLUMN_SLACK_PT = 1.5
#: sub-headers starting further than this right of their header's text are centred, not left-aligned
CENTRED_OFFSET_PT = 1.5
#: a header's own wrapped lines follow each other closer than this
HEADER_LINE_GAP_EM = 1.0
#: words of one sub-header cell are at most this far apart
SUB_HEADER_GAP_EM = 0.35
#: width given to the last spanning header when its sub-headers cannot be found
FALLBACK_HEADER_WIDTH_PT = 60.0

# --- table rows (rows.py)
#: a cell's wrapped lines are closer than this (a row gap is wider)
CELL_LINE_GAP_EM = 0.8
#: ... and evenly spaced: within this of the cell's smallest gap so far
CELL_LINE_EVEN_EM = 0.2
#: a lone raised footnote mark reaches down by this share of its height to its row's baseline
MARK_REACH = 0.6
#: blocks whose spans overlap by more than this are one row
ROW_OVERLAP_PT = 0.3
#: a cell is centred on its row's anchor when their centres are this close
CENTRED_ON_ANCHOR_EM = 0.3

# --- boxes (boxes.py, form.py)
#: a box's text starts this far right of its border (cell padding): a box's region starts this
#: far left of its label
BOX_PADDING_PT = 2.0
#: ... and the owner boxes' (box 1, the owner list after Table II) this far
OWNER_BOX_PADDING_PT = 4.0
#: street lines: a single printed line that sits this much lower (in line heights) than it would
#: as the first line is the second street line under an empty first one
SECOND_STREET_LINE_EM = 1.15
#: owner-list/box-1 lines further apart than this are separate blocks (table rows)
BLOCK_GAP_EM = 0.45
#: a relationship "X" is at most this share of the Director-to-10%-Owner distance (+ slack) left of its label
CHECK_REACH = 0.25
CHECK_REACH_PT = 10.0

# --- document artefacts (document.py)
#: wkhtmltopdf's copied cut line: words at the next page's top within this share of their size ...
CUT_LINE_TOP_EM = 0.5
#: ... matching words at this page's bottom within this share ...
CUT_LINE_BOTTOM_EM = 0.6
#: ... at the same x (to this much) ...
CUT_LINE_SAME_X_PT = 0.05
#: ... all moved by one distance (to this much)
CUT_LINE_SHIFT_PT = 0.3
#: words on one line have tops this close (a clipped fragment has nothing else on its line)
SAME_LINE_PT = 0.2
#: a "line" of this many lone descender glyphs and nothing else is a clipped fragment
CLIPPED_MIN_GLYPHS = 3
