"""Dropdowns: a validation that points at a defined list, with its prompt and its alert."""

from __future__ import annotations

from openpyxl.worksheet.datavalidation import DataValidation

# Excel's limits on validation texts; longer ones make Excel "repair" the file.
PROMPT_TITLE_MAX = 32


PROMPT_MAX = 255


def validation(
    sqref: str,
    *,
    list_name: str | None,
    title: str,
    prompt: str,
    error: str = "",
    error_title: str = "Not in the list",
    style: str = "stop",
) -> DataValidation:
    # Excel refuses (and "repairs" away) texts over its limits; they are cut here as a last
    # resort, and tests keep the declared texts within them.
    validation = DataValidation(
        type="list" if list_name else None,
        formula1=list_name,
        allow_blank=True,
        showInputMessage=True,
        showErrorMessage=list_name is not None,
        promptTitle=title[:PROMPT_TITLE_MAX],
        prompt=prompt[:PROMPT_MAX],
        errorTitle=error_title[:PROMPT_TITLE_MAX] if list_name else None,
        error=error[:PROMPT_MAX] if list_name else None,
        errorStyle=style if list_name else None,
    )
    for cell_range in sqref.split():
        validation.add(cell_range)
    return validation
