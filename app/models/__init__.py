"""All models, importable from one place (and all registered before Alembic compares)."""

from app.models.api_token import ApiToken  # noqa: F401 (registered for Alembic; import it from its module)
from app.models.assistant import (  # noqa: F401
    AssistantPassage,
    AssistantPending,
    AssistantStatistics,
    AssistantTerm,
    AssistantVocabulary,
)
from app.models.assistant_session import AssistantHandover, AssistantSession  # noqa: F401
from app.models.badge import BadgeAward, BadgeHolderCount  # noqa: F401
from app.models.comment import Comment
from app.models.image import Image, ImageFile, PostImage, StoredFile
from app.models.import_source import ImportSource
from app.models.inbound import INBOUND_STATUSES, InboundMessage
from app.models.mail import OutgoingMail
from app.models.moderation import (
    FLAG_REASONS,
    FaqEntry,
    Flag,
    ModerationAction,
    PostSignal,
    TagRedirect,
)
from app.models.notification import AcceptReminder, DigestSent, Follow, MailPreference, Notification  # noqa: F401
from app.models.post import Answer, Post, Question
from app.models.reputation import ReputationEvent
from app.models.revision import Revision
from app.models.satisfaction import OUTCOMES, SatisfactionResponse, SatisfactionSurvey
from app.models.search import SearchDocument, SearchPending, SuggestionClick
from app.models.security import RateEvent
from app.models.sign_in import LinkedIdentity, RecoveryCode, TwoFactorSecret, UserSession  # noqa: F401
from app.models.tag import Tag, TagAlias, question_tags
from app.models.user import ROLES, User
from app.models.view import QuestionView
from app.models.vote import Vote
from app.models.webhook import Webhook, WebhookDelivery, WebhookEscalation  # noqa: F401

__all__ = [
    "FLAG_REASONS",
    "ROLES",
    "Answer",
    "BadgeAward",
    "Comment",
    "FaqEntry",
    "Image",
    "ImageFile",
    "INBOUND_STATUSES",
    "Flag",
    "ImportSource",
    "InboundMessage",
    "ModerationAction",
    "OutgoingMail",
    "Post",
    "PostImage",
    "PostSignal",
    "Question",
    "QuestionView",
    "RateEvent",
    "ReputationEvent",
    "Revision",
    "OUTCOMES",
    "SatisfactionResponse",
    "SatisfactionSurvey",
    "SearchDocument",
    "SearchPending",
    "StoredFile",
    "SuggestionClick",
    "Tag",
    "TagAlias",
    "TagRedirect",
    "User",
    "Vote",
    "question_tags",
]
