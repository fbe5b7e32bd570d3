"""All models, importable from one place (and all registered before Alembic compares)."""

from app.models.api_token import ApiToken
from app.models.assistant import (
    AssistantPassage,
    AssistantPending,
    AssistantStatistics,
    AssistantTerm,
    AssistantVocabulary,
)
from app.models.assistant_session import AssistantHandover, AssistantSession
from app.models.badge import BadgeAward, BadgeHolderCount
from app.models.change_stamp import ChangeStamp
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
from app.models.notification import AcceptReminder, DigestSent, Follow, MailPreference, Notification
from app.models.post import Answer, Post, Question, question_of
from app.models.reputation import ReputationEvent
from app.models.revision import Revision
from app.models.satisfaction import (
    DOUBTING_REASONS,
    HELPFUL_REASONS,
    OUTCOMES,
    SatisfactionResponse,
    SatisfactionSurvey,
    VisitorFeedback,
    confirmed_solutions,
)
from app.models.saved_reply import SavedReply
from app.models.search import SearchDocument, SearchPending, SuggestionClick
from app.models.security import RateEvent
from app.models.sign_in import (
    LinkedIdentity,
    RecoveryCode,
    SecurityKey,
    TwoFactorSecret,
    UserSession,
    WebAuthnChallenge,
)
from app.models.tag import Tag, TagAlias, question_tags
from app.models.team_work import InternalNote, QuestionClaim
from app.models.twin import QuestionTwin, TwinGroup
from app.models.user import ROLES, User
from app.models.view import QuestionView
from app.models.vote import Vote
from app.models.webhook import Webhook, WebhookDelivery, WebhookEscalation

__all__ = [
    "FLAG_REASONS",
    "INBOUND_STATUSES",
    "ROLES",
    "AcceptReminder",
    "Answer",
    "ApiToken",
    "AssistantHandover",
    "AssistantPassage",
    "AssistantPending",
    "AssistantSession",
    "AssistantStatistics",
    "AssistantTerm",
    "AssistantVocabulary",
    "BadgeAward",
    "BadgeHolderCount",
    "ChangeStamp",
    "Comment",
    "DigestSent",
    "FaqEntry",
    "Flag",
    "Follow",
    "Image",
    "ImageFile",
    "ImportSource",
    "InboundMessage",
    "InternalNote",
    "LinkedIdentity",
    "MailPreference",
    "ModerationAction",
    "Notification",
    "OutgoingMail",
    "Post",
    "PostImage",
    "PostSignal",
    "Question",
    "QuestionClaim",
    "question_of",
    "question_tags",
    "QuestionTwin",
    "QuestionView",
    "RateEvent",
    "RecoveryCode",
    "ReputationEvent",
    "Revision",
    "OUTCOMES",
    "SatisfactionResponse",
    "SatisfactionSurvey",
    "SavedReply",
    "confirmed_solutions",
    "VisitorFeedback",
    "HELPFUL_REASONS",
    "DOUBTING_REASONS",
    "SearchDocument",
    "SearchPending",
    "SecurityKey",
    "StoredFile",
    "SuggestionClick",
    "Tag",
    "TagAlias",
    "TagRedirect",
    "TwoFactorSecret",
    "TwinGroup",
    "User",
    "UserSession",
    "Vote",
    "WebAuthnChallenge",
    "Webhook",
    "WebhookDelivery",
    "WebhookEscalation",
]
