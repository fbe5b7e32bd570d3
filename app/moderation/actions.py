"""What each action of the moderation log is called, in a label and in a past-tense sentence, and what each
field of its before/after values is called. The one place an action id becomes words: a test checks that every
action recorded anywhere in app/ is named here."""

from app.i18n import lazy_gettext as _l

# action id: (label, sentence). The sentence names the moderator and the target (%(target)s); closing as a
# duplicate also names the original (%(original)s), an undo the action it undid (%(undone)s).
ACTIONS = {
    "close": (_l("Closed"), _l("%(moderator)s closed %(target)s")),
    "close_duplicate": (_l("Closed"), _l("%(moderator)s closed %(target)s as a duplicate of %(original)s")),
    "reopen": (_l("Reopened"), _l("%(moderator)s reopened %(target)s")),
    "lock": (_l("Locked"), _l("%(moderator)s locked %(target)s")),
    "unlock": (_l("Unlocked"), _l("%(moderator)s unlocked %(target)s")),
    "hide": (_l("Hidden"), _l("%(moderator)s hid %(target)s while its flags are reviewed")),
    "delete": (_l("Deleted"), _l("%(moderator)s deleted %(target)s")),
    "delete_spam": (_l("Deleted as spam"), _l("%(moderator)s deleted %(target)s as spam")),
    "undelete": (_l("Restored"), _l("%(moderator)s restored %(target)s")),
    "undo": (_l("Undone"), _l("%(moderator)s undid “%(undone)s” on %(target)s")),
    "edit": (_l("Edited"), _l("%(moderator)s edited %(target)s")),
    "flags_dismissed": (_l("Flags dismissed"), _l("%(moderator)s dismissed the flags on %(target)s")),
    "flags_acted": (_l("Flags handled"), _l("%(moderator)s acted on the flags on %(target)s")),
    "dismiss_unhappy": (_l("Unhappy signal dismissed"),
                        _l("%(moderator)s dismissed the unhappy signal on %(target)s")),
    "dismiss_still_unsolved": (_l("“Still not solved” dismissed"),
                               _l("%(moderator)s dismissed the asker's “still not solved” on %(target)s")),
    "dismiss_dissatisfied": (_l("Dissatisfied asker dismissed"),
                             _l("%(moderator)s dismissed the asker's dissatisfaction on %(target)s")),
    "dismiss_personal_data": (_l("Personal data signal dismissed"),
                              _l("%(moderator)s dismissed the personal data signal on %(target)s")),
    "redact": (_l("Personal data removed"), _l("%(moderator)s removed personal data from %(target)s")),
    "remove_image": (_l("Image removed"), _l("%(moderator)s removed an image from %(target)s")),
    "mark_official": (_l("Marked official"), _l("%(moderator)s marked %(target)s as official")),
    "reconfirm_official": (_l("Official answer confirmed again"),
                           _l("%(moderator)s confirmed again the official answer %(target)s")),
    "unmark_official": (_l("Official mark removed"), _l("%(moderator)s removed the official mark from %(target)s")),
    "link_twin": (_l("Translation linked"), _l("%(moderator)s linked %(target)s with its translation")),
    "unlink_twin": (_l("Translation unlinked"), _l("%(moderator)s unlinked %(target)s from its translation")),
    "faq_promote": (_l("Added to the FAQ"), _l("%(moderator)s added %(target)s to the FAQ")),
    "faq_update": (_l("FAQ entry edited"), _l("%(moderator)s edited the FAQ entry %(target)s")),
    "faq_demote": (_l("Removed from the FAQ"), _l("%(moderator)s removed %(target)s from the FAQ")),
    "faq_reorder": (_l("FAQ entry moved"), _l("%(moderator)s moved the FAQ entry %(target)s")),
    "faq_review": (_l("FAQ entry reviewed"), _l("%(moderator)s showed the new version of the FAQ entry %(target)s")),
    "set_role": (_l("Role changed"), _l("%(moderator)s changed the role of %(target)s")),
    "suspend": (_l("Suspended"), _l("%(moderator)s suspended %(target)s")),
    "unsuspend": (_l("Suspension lifted"), _l("%(moderator)s lifted the suspension of %(target)s")),
    "set_email": (_l("E-mail address changed"), _l("%(moderator)s changed the e-mail address of %(target)s")),
    "two_factor_reset": (_l("Second factor reset"), _l("%(moderator)s reset the second factor of %(target)s")),
    "security_key_added": (_l("Security key added"), _l("%(moderator)s added a security key to %(target)s")),
    "security_key_removed": (_l("Security key removed"),
                             _l("%(moderator)s removed a security key from %(target)s")),
    "tag_create": (_l("Tag created"), _l("%(moderator)s created the tag %(target)s")),
    "tag_update": (_l("Tag edited"), _l("%(moderator)s edited the tag %(target)s")),
    "tag_merge": (_l("Tags merged"), _l("%(moderator)s merged another tag into %(target)s")),
    "email_approved": (_l("E-mail approved"), _l("%(moderator)s approved %(target)s")),
    "email_rejected": (_l("E-mail rejected"), _l("%(moderator)s rejected %(target)s")),
    "webhook_create": (_l("Webhook added"), _l("%(moderator)s added %(target)s")),
    "webhook_update": (_l("Webhook edited"), _l("%(moderator)s edited %(target)s")),
    "webhook_delete": (_l("Webhook removed"), _l("%(moderator)s removed %(target)s")),
    "claim": (_l("Claimed"), _l("%(moderator)s took on %(target)s")),
    "assign": (_l("Assigned"), _l("%(moderator)s assigned %(target)s")),
    "release": (_l("Released"), _l("%(moderator)s let go of %(target)s")),
    "note_added": (_l("Internal note added"), _l("%(moderator)s added an internal note to %(target)s")),
    "note_edited": (_l("Internal note edited"), _l("%(moderator)s edited an internal note on %(target)s")),
    "note_deleted": (_l("Internal note deleted"), _l("%(moderator)s deleted an internal note on %(target)s")),
    "reply_created": (_l("Saved reply added"), _l("%(moderator)s added the saved reply %(target)s")),
    "reply_edited": (_l("Saved reply edited"), _l("%(moderator)s edited the saved reply %(target)s")),
    "reply_deleted": (_l("Saved reply deleted"), _l("%(moderator)s deleted the saved reply %(target)s")),
}

# What the before/after values' fields are called in the log's "What changed" column.
FIELDS = {
    "closed": _l("Closed"), "duplicate_of": _l("Duplicate of"), "locked": _l("Locked"), "deleted": _l("Deleted"),
    "spam": _l("As spam"), "accepted": _l("Accepted"), "hidden": _l("Hidden"), "open_flags": _l("Open flags"),
    "role": _l("Role"),
    "until": _l("Suspended until"), "official": _l("Official"), "note": _l("Note"), "suspended": _l("Suspended"),
    "review_due": _l("Review due"), "twins": _l("Translations"), "title": _l("Title"), "body": _l("Text"),
    "tags": _l("Tags"), "position": _l("Position"), "image": _l("Image"), "email": _l("E-mail address"),
    "draft": _l("Draft reply"), "answer_id": _l("Featured answer"), "tag_id": _l("Product"),
    "language": _l("Language"), "wording": _l("Wording"), "url": _l("Address"), "events": _l("Events"),
    "active": _l("Active"), "name": _l("Name"), "name_en": _l("Name (English)"), "name_it": _l("Name (Italian)"),
    "description": _l("Description"), "description_it": _l("Description (Italian)"), "aliases": _l("Aliases"),
    "merged": _l("Merged"), "into": _l("Into"), "removed": _l("Removed"), "from": _l("From"),
    "two_factor": _l("Second factor"), "security_keys": _l("Security keys"), "security_key": _l("Security key"),
    "holder": _l("On it"),
}
# Kept in the values for the undo, and to tell one internal note from another (a note's text is never logged),
# not changes a person reads.
UNSHOWN_FIELDS = ("undoes", "note_id")

ROLES = {"member": _l("member"), "moderator": _l("moderator"), "admin": _l("administrator")}


def label(action: str) -> str:
    return str(ACTIONS[action][0]) if action in ACTIONS else action
