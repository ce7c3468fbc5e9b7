from django import forms

from plans.models import ReviewNote

OUTCOME_HINTS = {
    ReviewNote.Outcome.NOTED: "The partnership has seen the update and has no challenge.",
    ReviewNote.Outcome.CHALLENGE: "The partnership questions the status or the progress described.",
    ReviewNote.Outcome.ESCALATE: "For example, to the risk register or to a partner agency's board.",
    ReviewNote.Outcome.REQUEST_UPDATE: "The owner is asked for a new progress update before the next meeting.",
}


class ReviewNoteForm(forms.ModelForm):
    class Meta:
        model = ReviewNote
        fields = ["outcome", "note"]
        widgets = {"outcome": forms.RadioSelect, "note": forms.Textarea(attrs={"rows": 5})}
        labels = {"outcome": "Outcome", "note": "Note"}
        help_texts = {"note": "The owner sees this note on the action page and in My actions."}
        error_messages = {
            "outcome": {"required": "Select the outcome of the review"},
            "note": {"required": "Enter a note for the action owner"},
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        # A ModelForm adds a blank "---------" choice to RadioSelect; radios need none.
        self.fields["outcome"].choices = ReviewNote.Outcome.choices

    def clean_note(self):
        note = self.cleaned_data["note"].strip()
        if not note:
            raise forms.ValidationError("Enter a note for the action owner")
        return note
