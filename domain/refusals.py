"""The catalogue of refusals: every reason a command is refused, and its English wording.

A refusal names its reason (a stable code) and carries the values its wording needs; the English
message of the API is made here from one template per reason, and the pages translate the reason
itself (web/pages/refusals.py), so editing a wording never hides a refusal from a page.
"""

from collections.abc import Mapping
from typing import Any

ENGLISH: dict[str, str] = {
    # Typed values
    "empty": "must not be empty",
    "control_characters": "must not contain control characters",
    "unpaired_surrogates": "must not contain unpaired surrogate characters",
    "too_long": "must be at most {n} characters",
    "too_short": "must be at least {n} characters",
    "not_one_of": "must be one of {options}",
    "whole_at_least": "must be a whole number of at least {minimum}",
    "whole_not_negative": "must be a whole number, 0 or more",
    "not_negative": "must be 0 or more",
    "at_least_one": "must be 1 or more",
    "at_most": "must be at most {maximum}",
    "whole_vnd": "must be a whole number of VND, 0 or more",
    "username_characters": "must be letters, digits, '.', '_' or '-'",
    "no_time_zone": "must include a time zone",
    "moment_out_of_range": "must be a date and time within years 1 to 9999",
    "in_future": "must not be in the future",
    "outside_calendar": "must be between {first} and {last}",
    "no_lines": "must have at least one line",
    "no_products": "must name at least one product",
    "too_deep": "must not nest objects and arrays more than {levels} levels deep",
    # Products, certificates and barcodes
    "not_in_classification": "'{group}' is not a product group of the {classification} classification",
    "score_out_of_range": "must be a whole number from 0 to 100",
    "stars_do_not_match_score": "a score of {score} ranks {expected} stars, not {stars}",
    "not_after_last_evaluation": "must be after the last evaluation on {day}",
    "certificate_no_used": "was already used for this product",
    "no_valid_certificate": "the product holds no valid certificate on that day",
    "nomination_needs_stars": "needs a valid certificate of {stars} stars or more",
    "already_nominated": "already nominated this year",
    "gtin_length": "must be 8, 12, 13 or 14 digits",
    "gtin_check_digit": "has a wrong check digit: the last digit should be {expected}",
    "gtin_taken": "is already used by product {product}",
    # Corrections of a producer or a product
    "nothing_to_change": "nothing to change: every value given is the one recorded",
    "before_registration": "must not be before the record was registered on {day}",
    "before_last_correction": "must not be before the latest correction, dated {day}",
    # Places
    "unknown_place": "no unit '{given}' in {within} on {day}; nearest: {names}",
    "unknown_place_nothing_near": "no unit '{given}' in {within} on {day}",
    "ambiguous_place": "'{given}' names several units in {within} on {day}: {names}; give the code",
    # Outlets: opening, shelf and stock
    "before_opening": "must not be before the outlet opened on {day}",
    "outlet_closed": "the outlet closed on {day}",
    "stock_remains": (
        "stock remains ({units} units of {products} product(s): {held}); transfer or write it off first"
    ),
    "movement_after_closing": "must be after the latest stock movement on {day}",
    "not_design_centre": "only a creative design centre records this",
    "already_listed": "the product is already listed here",
    "not_listed": "the product is not listed here",
    "product_not_listed": "product {product} is not listed here",
    "product_not_listed_on": "product {product} is not listed here on {day}",
    "listing_overlaps": "must not be before it was delisted on {day}",
    "before_listing": "must not be before it was listed on {day}",
    "sold_after_delisting": "must be after the last sale of the product here on {day}",
    "same_outlet": "must be another outlet",
    "dated_too_far_back": (
        "must not be more than {days} days before the latest stock movement here on {day}"
    ),
    "insufficient_stock": "product {product}: asked for {wanted}, {sellable} sellable on hand",
    "insufficient_stock_expired": (
        "product {product}: asked for {wanted}, {sellable} sellable on hand; lot '{lot}' expired on {expiry}"
    ),
    "lot_short": "lot '{lot}' has {on_hand} on hand",
    "lot_not_expired": "lot '{lot}' has not expired on {day}",
    "lot_expired": "lot '{lot}' expired on {expiry}, before {day}",
    "lot_held_without_expiry": "lot '{lot}' is held at {outlet} without an expiry date",
    "lot_held_with_other_expiry": "lot '{lot}' is held at {outlet} with expiry {expiry}",
    "lot_not_held": "lot '{lot}' is not held here; receive it instead",
    "transfers_in_transit": "{n} transfer(s) to this outlet are in transit: receive them first",
    "transfer_received": "the transfer was already received on {day}",
    "transfer_not_here": "no transfer in transit to this outlet has that id",
    "received_before_sent": "must not be before the transfer was sent at {at}",
    "not_in_transfer": "the transfer carries no such product",
    "lot_not_in_transfer": "the transfer carries no lot '{lot}' of the product",
    "counted_twice": "names a product or lot another line already counts",
    "more_than_sent": "must be at most {sent}, the units sent",
    "outlet_not_closed": "the outlet is open",
    "reopened_before_closing": "must not be before the outlet closed on {day}",
    "closed_that_day": "the outlet was closed from {closed_on} until it reopened on {reopened_on}",
    "not_stocked": "the outlet neither stocks nor lists the product",
    "count_below_later_movements": (
        "must be at least {n}, which later movements took from lot '{lot}'"
    ),
    # Corrections: returns, voids, reversals
    "return_exceeds_sold": "product {product}: at most {n} more can be returned from this sale",
    "not_in_sale": "product {product} is not in this sale",
    "refund_above_paid": "must not be above the {paid} VND paid for the returned units",
    "before_sale": "must not be before the sale on {day}",
    "paid_below_total": "must not be less than the sale's total of {total} VND",
    "sale_not_remembered": "no sale {sale} here within the last 30 days of stock movements",
    "sale_voided": "sale {sale} was voided",
    "sale_has_returns": "sale {sale} has returns and cannot be voided; return the rest instead",
    "void_not_same_day": "a sale is voided only on its own day, {day}",
    "receipt_not_remembered": "no receipt {receipt} here within the last 30 days of stock movements",
    "receipt_reversed": "receipt {receipt} was already reversed",
    "receipt_units_gone": (
        "units of lot '{lot}' left after the receipt (sold, sent, written off, counted down or returned): {left} of {received} remain"
    ),
    "not_producers_product": "product {product} is not a product of this producer",
    # Users and requests
    "username_taken": "that username is taken",
    "already_works_there": "the user already works at that outlet",
    "not_working_there": "the user does not work at that outlet",
    "already_has_role": "the user already has the role {role}",
    "already_disabled": "the user is already disabled",
    "not_disabled": "the user is not disabled",
    "own_password_reset": "you may not reset your own password: change it with the current one",
    "own_role_change": "you may not change your own role",
    "own_account_disabling": "you may not disable your own account",
    "last_admin": "this is the last enabled admin",
    "wrong_password": "is not your current password",
    "password_is_username": "must not be the username",
    "signed_out": "the session has ended; sign in again",
    "token_outdated": "the token is from an older version; sign in again",
    "wrong_credentials": "unknown username or wrong password",
    "user_gone": "the user no longer exists",
    "no_such_user": "no user has the username {username}",
    "no_such_record": "no {kind} with id {id}",
    "not_yet_recorded": "{kind} {id} did not exist yet on {day}",
    "no_such_version": "no version {version}: the latest is {latest}",
    "idempotency_key_reused": "this Idempotency-Key was already used for a different request",
    "gave_up": "gave up after {attempts} conflicting writes; try again",
    "account_kept_changing": "your account kept changing while this ran; try again",
    "outlet_staff_only": "only staff bound to this outlet (or an admin) record here",
    "outlet_managers_only": "only a manager of this outlet (or an admin) voids a sale",
    "officers_only": "only programme officers and admins keep the registers",
    "admins_only": "only admins manage users",
    "own_account_only": "only the user themselves changes their own password",
    "no_token": "send 'Authorization: Bearer <token>' from POST /api/v1/auth/token",
    "token_expired": "the token has expired; sign in again",
    "token_invalid": "the token is not valid",
    "unknown_query_argument": "unknown query argument; this address takes {takes}",
    "takes_no_query_arguments": "unknown query argument; this address takes no query arguments",
    "given_twice": "given more than once; give it once",
    "not_a_head": "a head is POSITION:LINK, the link 64 hex digits",
    "past_tree_size": "must be at most the log's tree size, {size}",
    "not_in_tree": "no event of the log is at this position",
    "no_checkpoint": "no checkpoint of that size: the log signs one with ocop checkpoint",
    "not_a_signed_note": "must be a C2SP signed note: {problem}",
    "cosigned_unknown_size": "the log has signed no checkpoint of size {size}",
    "not_the_kept_checkpoint": "is not the checkpoint the log signed at size {size}",
    "no_cosignature": "carries no witness's cosignature line",
    "unknown_witness": "carries a line of {witness}, not a witness key the log is configured with",
    "bad_cosignature": "the line of {witness} is not its valid cosignature of this checkpoint",
    "cosigned_in_future": "the line of {witness} is dated {moment}, in the future",
    "too_many_failed_sign_ins": "too many failed sign-ins; try again later",
    "sign_ins_busy": "too many sign-ins are being checked; try again shortly",
    # Backups (the command line)
    "backup_exists": "{path} exists: a backup never overwrites a file",
    "backup_under_way": (
        "{path} exists: another backup is under way, or one was cut short (remove it)"
    ),
    "file_unusable": "{path}: {problem}",
    "not_a_backup": "{path} is not a backup of a {store} store",
    "no_sqlite_store": "no SQLite store at {path}",
    "holds_no_log": "{path} holds no event log",
    "schema_holds_no_log": "schema {schema} holds no event log",
    "not_empty": "{path} is not empty",
    "schema_not_empty": "schema {schema} is not empty",
    "backup_of_other_schema": (
        "the backup is of schema {schema}: restore it into a URL with ?schema={schema}"
    ),
    "cannot_connect": "cannot connect: {problem}",
    "program_missing": "{program} is not on PATH: install the PostgreSQL client programs",
    "program_failed": "{program} failed: {problem}",
}
"""Each reason's English wording; {name} is one of the refusal's parameters."""

API_CODES: dict[str, str] = {
    "stock_remains": "stock_remains",
    "movement_after_closing": "movement_after_closing",
    "product_not_listed": "not_listed",
    "product_not_listed_on": "not_listed",
    "listing_overlaps": "listing_overlaps",
    "sold_after_delisting": "sold_after_delisting",
    "dated_too_far_back": "dated_too_far_back",
    "lot_not_expired": "lot_not_expired",
    "lot_expired": "lot_expired",
    "lot_held_without_expiry": "lot_expiry_differs",
    "lot_held_with_other_expiry": "lot_expiry_differs",
    "lot_not_held": "lot_not_held",
    "count_below_later_movements": "count_below_later_movements",
    "transfer_received": "already_received",
    "wrong_password": "wrong_password",
    "sale_has_returns": "sale_has_returns",
    "sale_voided": "sale_voided",
    "void_not_same_day": "void_not_same_day",
    "receipt_units_gone": "receipt_units_gone",
    "return_exceeds_sold": "return_exceeds_sold",
}
"""The reasons the API answers with a code of their own (the contract's codes); every other
reason answers the code of its exception's class (invalid_value, conflict…)."""


def shown(params: Mapping[str, Any]) -> dict[str, str]:
    """The parameters as a wording shows them: a list as "a, b, c", anything else as str()."""
    return {
        name: ", ".join(map(str, value)) if isinstance(value, list | tuple) else str(value)
        for name, value in params.items()
    }


def english(reason: str, params: Mapping[str, Any]) -> str:
    """The English message of a refusal (KeyError: a reason missing from the catalogue)."""
    return ENGLISH[reason].format(**shown(params))
