"""Across filings: an insider's history, an issuer's insiders and cluster buys, and the transaction
screener, computed on a columnar index of every stored row (`tui.across.rows`, kept in step with the
store by `tui.across.sync`). Pure data: no user interface here."""
