"""The built-in stages, one module each. Importing this package registers them by name."""

from cleannews.stages import (  # noqa: F401
    boilerplate,
    captions,
    duplicates,
    encoding,
    language,
    metadata,
    stories,
)
from cleannews.stages.base import STAGES, RuleStage, Stage, register_stage, stage_by_name

__all__ = ["STAGES", "RuleStage", "Stage", "register_stage", "stage_by_name"]
