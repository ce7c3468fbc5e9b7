"""Saving data idempotently: a record is written only when something differs, so
loading the same file twice leaves the database, its timestamps and its change
history exactly as they were."""

from collections import Counter


class Tally(Counter):
    def record(self, model, outcome):
        self[(model._meta.verbose_name_plural, outcome)] += 1

    def lines(self):
        names = sorted({name for name, _ in self})
        for name in names:
            parts = [f"{self[(name, outcome)]} {outcome}" for outcome in ("created", "updated", "unchanged")]
            yield f"{name}: " + ", ".join(parts)


def upsert(model, tally, lookup, values):
    obj = model.objects.filter(**lookup).first()
    if obj is None:
        obj = model.objects.create(**lookup, **values)
        tally.record(model, "created")
        return obj
    changed = [field for field, value in values.items() if getattr(obj, field) != value]
    if changed:
        for field in changed:
            setattr(obj, field, values[field])
        obj.save()
        tally.record(model, "updated")
    else:
        tally.record(model, "unchanged")
    return obj


def set_m2m(manager, objects):
    """Replace a many-to-many set only if it differs (set() would still log history)."""
    wanted = {obj.pk for obj in objects}
    if set(manager.values_list("pk", flat=True)) != wanted:
        manager.set(objects)
        return True
    return False
