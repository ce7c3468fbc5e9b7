from django import forms

from plans.forms import BoundedTextField
from plans.models import ReviewNote

OUTCOME_HINTS = {
    ReviewNote.Outcome.NOTED: "The partnership has seen the update and has no challenge.",
    ReviewNote.Outcome.CHALLENGE: "The partnership questions the status or the progress described.",
    ReviewNote.Outcome.ESCALATE: "For example, to the risk register or to a partner agency's board.",
    ReviewNote.Outcome.REQUEST_UPDATE: "The owner is asked for a new progress update before the next meeting.",
}


class ReviewNoteForm(forms.ModelForm):
    # The model's limit, with a character count and a GOV.UK message.
    note = BoundedTextField(
        label="Note",
        name="Note",
        max_length=ReviewNote._meta.get_field("note").max_length,
        help_text="The owner sees this note on the action page and in My actions.",
        error_messages={"required": "Enter a note for the action owner"},
    )

    class Meta:
        model = ReviewNote
        fields = ["outcome", "note"]
        widgets = {"outcome": forms.RadioSelect}
        labels = {"outcome": "Outcome"}
        error_messages = {"outcome": {"required": "Select the outcome of the review"}}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        # A ModelForm adds a blank "---------" choice to RadioSelect; radios need none.
        self.fields["outcome"].choices = ReviewNote.Outcome.choices

    def clean_note(self):
        note = self.cleaned_data["note"].strip()
        if not note:
            raise forms.ValidationError("Enter a note for the action owner")
        return note
