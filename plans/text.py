"""The rules for text people type or upload, in one place.

Every free-text field has a maximum length, so one careless paste (or a hostile
one) cannot make a 2,500-page board pack or a page that takes a minute to draw.
The limits are generous beside the real Sefton plan: its longest commentary is
188 characters, its longest desired outcome 526 and its foreword 1,988.

Control characters (other than tab, newline and carriage return) have no place
in a plan: a terminal escape or a vertical tab is refused with a clear message
when it comes in, and stripped as a backstop when text goes out, because
spreadsheet writers (openpyxl) refuse to write them and PostgreSQL refuses NUL.
"""

import re

from django.core.exceptions import ValidationError
from django.core.validators import MaxLengthValidator
from django.utils.deconstruct import deconstructible

# Maximum lengths, in characters.
NAME = 200  # names, titles, job titles (CharFields)
DESCRIPTION = 1_000  # an action's description
COMMENTARY = 3_000  # a progress update's commentary, a no-change note
NOTE = 3_000  # a review note
REASON = 500  # why a target was revised
AIM_TEXT = 2_000  # "How will we know?", a desired outcome
DEFINITION = 1_000  # a glossary definition, a RAG status's meaning
FOREWORD = 10_000  # a plan's foreword or vision
SOURCE = 2_000  # where an indicator's figures come from

# C0 controls except tab, newline and carriage return; DEL and the C1 controls;
# lone surrogates; the two "noncharacters" XML (and so XLSX) cannot hold.
CONTROL_CHARACTERS = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\ud800-\udfff\ufffe\uffff]")


def find_control_character(value):
    """The first control character in ``value`` as a readable code, or None."""
    match = CONTROL_CHARACTERS.search(value or "")
    return f"U+{ord(match.group()):04X}" if match else None


@deconstructible
class NoControlCharacters:
    """A validator for model and form fields: refuses text holding control characters."""

    message = (
        "Remove the hidden control character ({code}) from this text: it was probably pasted in "
        "from another program. Tabs and new lines are fine."
    )
    code = "control_character"

    def __call__(self, value):
        found = find_control_character(value if isinstance(value, str) else str(value))
        if found:
            raise ValidationError(self.message.format(code=found), code=self.code)

    def __eq__(self, other):
        return isinstance(other, NoControlCharacters)


no_control_characters = NoControlCharacters()


def text_validators(max_length):
    """The validators every bounded free-text field carries."""
    return [MaxLengthValidator(max_length), no_control_characters]


def strip_control_characters(value):
    """The backstop on the way out (exports, PDFs, emails): drop what cannot be written."""
    if not isinstance(value, str):
        return value
    return CONTROL_CHARACTERS.sub("", value)
