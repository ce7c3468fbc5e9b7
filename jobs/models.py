"""A job: one piece of heavy work (a board pack, an import, a bulk update) that a
person asked for and a worker does on the queue (django-tasks-db).

The Job row is what people see: its status, progress and result. The queue's
own row (django_tasks_db's DBTaskResult, linked by ``task_result_id``) is the
worker's business: it keeps tracebacks, which people never see.
"""

from django.conf import settings
from django.contrib.contenttypes.fields import GenericForeignKey
from django.contrib.contenttypes.models import ContentType
from django.db import models
from django.db.models import Q
from django.urls import reverse

MESSAGE_LENGTH = 500


class JobQuerySet(models.QuerySet):
    def unfinished(self):
        return self.filter(status__in=Job.UNFINISHED)


class Job(models.Model):
    class Kind(models.TextChoices):
        PACK = "pack", "Board pack"
        PLAN_IMPORT = "plan_import", "Plan import"
        BULK_UPDATE = "bulk_update", "Bulk update"
        INDICATOR_IMPORT = "indicator_import", "Indicator import"

    class Status(models.TextChoices):
        QUEUED = "queued", "Waiting to start"
        RUNNING = "running", "In progress"
        DONE = "done", "Done"
        FAILED = "failed", "Failed"

    UNFINISHED = (Status.QUEUED, Status.RUNNING)

    partnership = models.ForeignKey("plans.Partnership", on_delete=models.CASCADE, related_name="jobs")
    kind = models.CharField(max_length=20, choices=Kind.choices)
    # Two requests for the same work (e.g. "pack:<plan>:<period>") share one job.
    key = models.CharField(max_length=200)
    status = models.CharField(max_length=10, choices=Status.choices, default=Status.QUEUED)
    progress_done = models.PositiveIntegerField(default=0)
    progress_total = models.PositiveIntegerField(default=0)
    message = models.CharField(max_length=MESSAGE_LENGTH, blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    started_at = models.DateTimeField(null=True, blank=True)
    finished_at = models.DateTimeField(null=True, blank=True)
    result_url = models.CharField(max_length=500, blank=True)
    result_type = models.ForeignKey(ContentType, null=True, blank=True, on_delete=models.SET_NULL)
    result_id = models.PositiveBigIntegerField(null=True, blank=True)
    result = GenericForeignKey("result_type", "result_id")
    task_result_id = models.CharField(max_length=64, blank=True)

    objects = JobQuerySet.as_manager()

    class Meta:
        ordering = ["-created_at", "-pk"]
        indexes = [models.Index(fields=["created_by", "status"], name="job_person_status")]
        constraints = [
            # The database, not a check-then-insert race, keeps one live build per key.
            models.UniqueConstraint(
                fields=["partnership", "key"],
                condition=Q(status__in=["queued", "running"]),
                name="one_unfinished_job_per_key",
            )
        ]

    def __str__(self):
        return f"{self.get_kind_display()} ({self.get_status_display().lower()})"

    def get_absolute_url(self):
        return reverse("jobs:detail", args=[self.pk])

    @property
    def is_finished(self):
        return self.status not in self.UNFINISHED

    @property
    def percent(self):
        """Whole percent done; 100 once done, whatever the steps said."""
        if self.status == self.Status.DONE:
            return 100
        if not self.progress_total:
            return 0
        return min(100, self.progress_done * 100 // self.progress_total)
