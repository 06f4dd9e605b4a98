"""EDGAR's vocabulary shared by the readers and the interchange format: which XML element carries
which model field (row footnote references are keyed by the element name in the interchange)."""

from __future__ import annotations

#: model field name -> EDGAR XML element name, for row footnote references
FIELD_TO_ELEMENT: dict[str, str] = {
    "security_title": "securityTitle",
    "conversion_or_exercise_price": "conversionOrExercisePrice",
    "transaction_date": "transactionDate",
    "deemed_execution_date": "deemedExecutionDate",
    "code": "transactionCoding",
    "timeliness": "transactionTimeliness",
    "shares": "transactionShares",
    "total_value": "transactionTotalValue",
    "price": "transactionPricePerShare",
    "acquired_disposed": "transactionAcquiredDisposedCode",
    "exercise_date": "exerciseDate",
    "expiration_date": "expirationDate",
    "underlying_title": "underlyingSecurityTitle",
    "underlying_shares": "underlyingSecurityShares",
    "underlying_value": "underlyingSecurityValue",
    "shares_owned_following": "sharesOwnedFollowingTransaction",
    "value_owned_following": "valueOwnedFollowingTransaction",
    "direct_indirect": "directOrIndirectOwnership",
    "nature_of_ownership": "natureOfOwnership",
}
ELEMENT_TO_FIELD: dict[str, str] = {v: k for k, v in FIELD_TO_ELEMENT.items()}
