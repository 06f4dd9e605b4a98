"""Get filings from EDGAR, politely and resumably, into the store (through the importer).

`run.fetch_filings` is the one entry point for the CLI and the explorer; `client` holds the HTTP
rules (User-Agent, rate limit, retries, whole downloads), `listings` EDGAR's formats and `config`
the User-Agent rule and the base URLs. Nothing is imported here, so that building the command
line (which reads `config` for the help text) does not load httpx, the importer or the store.
"""
