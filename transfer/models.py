"""What the import remembers between one plan and the next (issue 17)."""

from django.db import models

from plans.models import Partnership


class ImportSettings(models.Model):
    """How a partnership's own files are read: which field each of its headings
    fills, and what its status and stage words mean. Saved when the officer
    confirms an import, offered as the suggestion for the partnership's next file,
    so a tracker in the same layout is mapped once, not every quarter."""

    partnership = models.OneToOneField(Partnership, on_delete=models.CASCADE, related_name="import_settings")
    # {heading as matched (lower case, single spaces): field name, or "" for "not used"}
    columns = models.JSONField(default=dict, blank=True)
    # {word as matched: {"status": code or "", "stage": stage or ""}}
    words = models.JSONField(default=dict, blank=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name_plural = "import settings"

    def __str__(self):
        return f"Import settings for {self.partnership}"
