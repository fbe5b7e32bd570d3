"""Import a Stack Exchange data dump (the archive.org XML files) into the forum.

Rows are streamed and written in batches; every imported row is recorded in `import_sources` under
(site, kind, source id), so a second run skips what the first wrote. Votes have no voter in public
dumps: they are cast by a pool of placeholder voters (see docs/decisions.md). Derived state (scores,
reputation, badges, search) is left to the project's own rebuilds, which the CLI runs afterwards.
Flushes, never commits: the caller commits once or rolls back (--dry-run).
"""

import re
from collections import Counter, defaultdict
from pathlib import Path

from sqlalchemy import insert, select, update

from app import content_language, markup
from app.extensions import db, rowcount
from app.importers import conversion
from app.importers.dump import Progress, Report, integer, moment, rows, tag_names, unique_username, username_base
from app.models import Answer, Comment, ImportSource, Post, Question, Revision, Tag, User, Vote, question_tags
from app.slugs import slugify

BATCH = 500
BODY_REVISIONS = {"2", "5", "8"}  # initial body, edit body, rollback body: their Text is the Markdown source
VOTE_VALUES = {"2": 1, "3": -1}
VOTE_TYPES = {"1": "acceptance (taken from AcceptedAnswerId)", "4": "offensive", "5": "favourite",
              "6": "close", "7": "reopen", "8": "bounty start", "9": "bounty close", "10": "deletion",
              "11": "undeletion", "12": "spam", "13": "moderator", "14": "moderator", "15": "moderator review",
              "16": "approved edit suggestion"}
REFUSED_TAG = "with a name the tag-name rule refuses"
POST_TYPES = {"3": "orphaned tag wiki", "4": "tag-wiki excerpt", "5": "tag wiki", "6": "moderator nomination",
              "7": "wiki placeholder", "8": "privilege wiki"}
# Close reasons in PostHistory (type 10 Comment): old and current ids → this forum's reasons.
CLOSE_REASONS = {"1": "duplicate", "101": "duplicate", "2": "off-topic", "7": "off-topic", "20": "off-topic",
                 "102": "off-topic"}
USER_FIELDS = (User.display_name.type.length, User.about.type.length)


def site_from_directory(directory: Path) -> str:
    """'beer.stackexchange.com' as is; a copied folder 'beer-stackexchange-2016' → 'beer.stackexchange.com'."""
    name = directory.resolve().name.lower()
    if "." in name:
        return name
    match = re.match(r"([a-z0-9]+)-stackexchange", name)
    return f"{match.group(1)}.stackexchange.com" if match else name


def _local(ids: dict[int, int], source_id: str | None) -> int | None:
    """The local id of a row the dump names by its id; None when it names none or that row was not imported."""
    number = integer(source_id)
    return None if number is None else ids.get(number)


class StackExchangeImport:
    def __init__(self, directory: Path, site: str, tag_prefix: str = "", progress: Progress | None = None):
        self.directory, self.site, self.tag_prefix = directory, site, tag_prefix.lower()
        self.progress, self.report = progress, Report()
        self.ids: dict[str, dict[int, int]] = defaultdict(dict)  # kind -> source id -> local id
        for kind, source_id, local_id in db.session.execute(select(
                ImportSource.kind, ImportSource.source_id, ImportSource.local_id).where(ImportSource.site == site)):
            self.ids[kind][source_id] = local_id
        self.bodies: dict[int, str] = {}  # post id -> last Markdown revision
        self.close_reasons: dict[int, str] = {}

    def run(self) -> Report:
        self._users()
        self._tags()
        self._history()
        self._questions()
        self._answers()
        self._duplicates()
        self._comments()
        self._votes()
        self._badges()
        db.session.flush()
        return self.report

    # -- plumbing ----------------------------------------------------------------------------------

    def _file(self, name: str, required: bool = False, again: bool = False):
        """The file's rows; `again` for a second pass, whose rows are not counted as read twice."""
        path = self.directory / name
        if path.exists():
            return rows(path, self.report, self.progress, count=not again)
        if again:
            return iter(())
        if required:
            self.report.notes.append(f"{name} is missing: nothing of it imported.")
        else:
            self.report.notes.append(f"{name} is absent (optional).")
        return iter(())

    def _insert(self, model, kind: str, batch: list[tuple[int, dict]]) -> list[int]:
        """Insert rows in one statement, record their sources, and return the new ids in order."""
        if not batch:
            return []
        local_ids = list(db.session.scalars(insert(model).returning(model.id, sort_by_parameter_order=True),
                                            [values for _, values in batch]))
        db.session.execute(insert(ImportSource), [
            {"site": self.site, "kind": kind, "source_id": source_id, "local_id": local_id}
            for (source_id, _), local_id in zip(batch, local_ids, strict=True)])
        self.ids[kind].update((source_id, local_id) for (source_id, _), local_id in zip(batch, local_ids, strict=True))
        self.report.imported[kind + "s"] += len(batch)
        batch.clear()
        return local_ids

    def _new(self, file: str, kind: str, row: dict) -> int | None:
        """The row's source id when it is still to import; None (reported) when it was or cannot be."""
        source_id = integer(row.get("Id"))
        if source_id is None:
            self.report.skip(file, "no valid Id")
        elif source_id in self.ids[kind]:
            self.report.skip(file, "already imported")
        else:
            return source_id
        return None

    def _author(self, file: str, user_id: str | None) -> int | None:
        """Local author of a row: None for a deleted account (no id, or one missing from Users.xml)."""
        source_id = integer(user_id)
        if source_id is None:
            self.report.anomalies["posts or comments by deleted users (no author id): author left empty"] += 1
            return None
        if source_id not in self.ids["user"]:
            self.report.anomalies["author ids missing from Users.xml: author left empty"] += 1
            return None
        return self.ids["user"][source_id]

    # -- users and tags ----------------------------------------------------------------------------

    def _users(self) -> None:
        """Display name, creation date and about (as plain text); no e-mail, no password."""
        taken = set(db.session.scalars(select(User.username_key)))
        name_size, about_size = USER_FIELDS
        batch = []
        for row in self._file("Users.xml", required=True):
            source_id = self._new("Users.xml", "user", row)
            created = moment(row.get("CreationDate"))
            if source_id is None:
                continue
            if created is None:
                self.report.skip("Users.xml", "no valid CreationDate")
                continue
            display = (row.get("DisplayName") or "").strip()[:name_size] or f"user{source_id}"
            username = unique_username(username_base(display, f"user{abs(source_id)}"), taken)
            about = markup.plain_text(row.get("AboutMe") or "")[:about_size]
            batch.append((source_id, {"username": username, "username_key": username.lower(),
                                      "display_name": display, "about": about, "created_at": created}))
            if len(batch) >= BATCH:
                self._insert(User, "user", batch)
        self._insert(User, "user", batch)

    def _tag_name(self, name: str) -> str | None:
        """The local name (prefixed, cut to size), or None where it breaks the rule a moderator's typed name
        follows: a tag's name reaches addresses, file names and spreadsheet cells."""
        full = self.tag_prefix + name
        if len(full) > Tag.name.type.length:
            self.report.anomalies["tag names cut to 35 characters"] += 1
        full = full[:Tag.name.type.length]
        return full if Tag.is_valid_name(full) else None

    def _tags(self) -> None:
        """Tags.xml's names (lower-cased, prefixed); an existing local tag of the same name is reused."""
        names = {}
        for row in self._file("Tags.xml"):
            source_id = self._new("Tags.xml", "tag", row)
            if source_id is not None and row.get("TagName"):
                if (name := self._tag_name(row["TagName"].lower())) is None:
                    self.report.skip("Tags.xml", REFUSED_TAG)
                else:
                    names[source_id] = name
            elif source_id is not None:
                self.report.skip("Tags.xml", "no TagName")
        for source_id, name in names.items():
            self.ids["tag"][source_id] = self._tag_id(name)
            db.session.execute(insert(ImportSource).values(site=self.site, kind="tag", source_id=source_id,
                                                           local_id=self.ids["tag"][source_id]))
        self.report.imported["tags"] += len(names)

    def _tag_id(self, name: str) -> int:
        """The local tag of that name, created when missing (questions may carry tags Tags.xml lacks)."""
        if not hasattr(self, "_tags_by_name"):
            self._tags_by_name = dict(db.session.execute(select(Tag.name, Tag.id)).all())
        if name not in self._tags_by_name:
            self._tags_by_name[name] = db.session.execute(insert(Tag).values(name=name).returning(Tag.id)).scalar_one()
        return self._tags_by_name[name]

    # -- posts ---------------------------------------------------------------------------------------

    def _history(self) -> None:
        """The last Markdown body of each post and the reason each question was last closed."""
        for row in self._file("PostHistory.xml"):
            post_id, kind = integer(row.get("PostId")), row.get("PostHistoryTypeId")
            if post_id is None:
                self.report.skip("PostHistory.xml", "no valid PostId")
            elif kind in BODY_REVISIONS and row.get("Text") is not None:
                self.bodies[post_id] = row["Text"]  # rows come in date order: the last one wins
            elif kind == "10":
                self.close_reasons[post_id] = CLOSE_REASONS.get(row.get("Comment") or "", "needs-details")

    def _body(self, source_id: int, html: str) -> dict:
        """Markdown from the last revision when the history has it (rendered as our edits are);
        otherwise the dump's HTML, sanitised, and a Markdown conversion of it as the editable source."""
        if source_id in self.bodies:
            text = self.bodies.pop(source_id).strip()
            return {"body_markdown": text, "body_html": markup.render_post(text)}
        self.report.anomalies["bodies without a Markdown revision: HTML kept, Markdown converted"] += 1
        return {"body_markdown": conversion.editable_markdown(html), "body_html": markup.clean_post_html(html)}

    def _post_values(self, source_id: int, row: dict, file: str) -> dict | None:
        created = moment(row.get("CreationDate"))
        if created is None:
            self.report.skip(file, "no valid CreationDate")
            return None
        edited = moment(row.get("LastEditDate"))
        return {"author_id": self._author(file, row.get("OwnerUserId")), "created_at": created,
                "last_edited_at": edited, "last_activity_at": moment(row.get("LastActivityDate")) or edited or created,
                **self._body(source_id, row.get("Body") or "")}

    def _skip_post(self, row: dict, wanted: str) -> bool:
        """Posts.xml is read twice (questions, then answers): each pass skips the other kind silently."""
        kind = row.get("PostTypeId")
        if kind in ("1", "2"):
            return kind != wanted
        if wanted == "1":  # count other post types once
            self.report.skip("Posts.xml", POST_TYPES.get(kind or "", f"post type {kind}"))
        return True

    def _questions(self) -> None:
        batch, tags, accepted = [], {}, {}
        for row in self._file("Posts.xml", required=True):
            if self._skip_post(row, "1") or (source_id := self._new("Posts.xml", "question", row)) is None:
                continue
            title = (row.get("Title") or "").strip()[:Question.title.type.length]
            if not title:
                self.report.skip("Posts.xml", "question without a title")
                continue
            if (values := self._post_values(source_id, row, "Posts.xml")) is None:
                continue
            closed = moment(row.get("ClosedDate"))
            values |= {"kind": "question", "title": title, "slug": slugify(title),
                       "language": content_language.detect(f"{title}\n{values['body_markdown']}"),
                       "view_count": integer(row.get("ViewCount")) or 0, "closed_at": closed,
                       "closed_reason": self.close_reasons.get(source_id, "off-topic") if closed else None}
            batch.append((source_id, values))
            names = [self._tag_name(n) for n in tag_names(row.get("Tags"))]
            if None in names:
                self.report.anomalies[f"tags left off questions: {REFUSED_TAG}"] += names.count(None)
            tags[source_id] = [self._tag_id(n) for n in names if n is not None][:5]
            if (answer_id := integer(row.get("AcceptedAnswerId"))) is not None:
                accepted[source_id] = answer_id
            if len(batch) >= BATCH:
                self._insert_questions(batch, tags)
        self._insert_questions(batch, tags)
        self.accepted = accepted

    def _insert_questions(self, batch: list, tags: dict[int, list[int]]) -> None:
        sources = [source_id for source_id, _ in batch]
        revisions = [dict(values, tags=tags[s]) for s, values in batch]
        local_ids = self._insert(Question, "question", batch)
        if not local_ids:
            return
        links = [{"question_id": q, "tag_id": t}
                 for s, q in zip(sources, local_ids, strict=True) for t in dict.fromkeys(tags[s])]
        if links:
            db.session.execute(insert(question_tags), links)
        self._revisions(local_ids, revisions)
        tags.clear()

    def _revisions(self, local_ids: list[int], values: list[dict]) -> None:
        """Revision 1 of each imported post is its imported text, so edits have a history to start from."""
        if not local_ids:
            return
        names = {v: k for k, v in self._tags_by_name.items()} if hasattr(self, "_tags_by_name") else {}
        db.session.execute(insert(Revision), [
            {"post_id": post_id, "number": 1, "author_id": v["author_id"], "title": v.get("title"),
             "body_markdown": v["body_markdown"], "created_at": v["last_edited_at"] or v["created_at"],
             "tags": " ".join(names[t] for t in v["tags"])[:200] if "tags" in v else None,
             "summary": f"Imported from {self.site}"} for post_id, v in zip(local_ids, values, strict=True)])

    def _answers(self) -> None:
        batch = []
        for row in self._file("Posts.xml", again=True):
            if self._skip_post(row, "2") or (source_id := self._new("Posts.xml", "answer", row)) is None:
                continue
            question_id = _local(self.ids["question"], row.get("ParentId"))
            if question_id is None:
                self.report.skip("Posts.xml", "answer to a question not in the dump")
                continue
            if (values := self._post_values(source_id, row, "Posts.xml")) is None:
                continue
            batch.append((source_id, values | {"kind": "answer", "parent_id": question_id,
                                               "language": content_language.detect(values["body_markdown"])}))
            if len(batch) >= BATCH:
                self._revisions(self._insert(Answer, "answer", list(batch)), [v for _, v in batch])
                batch.clear()
        self._revisions(self._insert(Answer, "answer", list(batch)), [v for _, v in batch])
        self._accept()

    def _accept(self) -> None:
        for question_source, answer_source in self.accepted.items():
            answer_id = self.ids["answer"].get(answer_source)
            if answer_id is None:
                self.report.anomalies["accepted answers not in the dump: question left unsolved"] += 1
                continue
            db.session.execute(update(Post).where(Post.id == self.ids["question"][question_source])
                               .values(accepted_answer_id=answer_id), execution_options={"synchronize_session": False})
            self.report.imported["accepted answers"] += 1

    # -- links, comments, votes ------------------------------------------------------------------------

    def _duplicates(self) -> None:
        """PostLinks type 3: a closed question is a duplicate of the linked one (type 1 links are text only)."""
        for row in self._file("PostLinks.xml"):
            if row.get("LinkTypeId") != "3":
                self.report.skip("PostLinks.xml", "related link (type 1): not modelled")
                continue
            question = _local(self.ids["question"], row.get("PostId"))
            original = _local(self.ids["question"], row.get("RelatedPostId"))
            if question is None or original is None or question == original:
                self.report.skip("PostLinks.xml", "duplicate link to a question not in the dump")
                continue
            changed = rowcount(db.session.execute(
                update(Post).where(Post.id == question, Post.closed_at.is_not(None),
                                   Post.duplicate_of_id.is_distinct_from(original))
                .values(duplicate_of_id=original, closed_reason="duplicate"),
                execution_options={"synchronize_session": False, "preserve_rowcount": True}))
            if changed:
                self.report.imported["duplicate links"] += 1
            else:
                self.report.skip("PostLinks.xml", "duplicate link already imported, or the question is open")

    def _comments(self) -> None:
        batch = []
        posts = self.ids["question"] | self.ids["answer"]
        size = Comment.body_markdown.type.length
        for row in self._file("Comments.xml"):
            if (source_id := self._new("Comments.xml", "comment", row)) is None:
                continue
            post_id, created = _local(posts, row.get("PostId")), moment(row.get("CreationDate"))
            text = (row.get("Text") or "").strip()[:size]
            if post_id is None:
                self.report.skip("Comments.xml", "comment on a post not in the dump")
            elif created is None or not text:
                self.report.skip("Comments.xml", "no text or no valid CreationDate")
            else:
                author_id = self._author("Comments.xml", row.get("UserId"))
                batch.append((source_id, {"post_id": post_id, "author_id": author_id, "body_markdown": text,
                                          "body_html": markup.render_comment(text), "created_at": created}))
                if len(batch) >= BATCH:
                    self._insert(Comment, "comment", batch)
        self._insert(Comment, "comment", batch)

    def _votes(self) -> None:
        """Up and down votes, each cast by the next free placeholder voter of the post (one vote per voter
        and post, as the votes table requires); other vote types are counted and skipped."""
        posts = self.ids["question"] | self.ids["answer"]
        self.voters = VoterPool(self)
        batch = []
        for row in self._file("Votes.xml"):
            kind = row.get("VoteTypeId")
            if kind not in VOTE_VALUES:
                self.report.skip("Votes.xml", f"vote type {kind}: " + VOTE_TYPES.get(kind, "unknown"))
                continue
            if (source_id := self._new("Votes.xml", "vote", row)) is None:
                continue
            post_id, created = _local(posts, row.get("PostId")), moment(row.get("CreationDate"))
            if post_id is None:
                self.report.skip("Votes.xml", "up/down vote on a post not in the dump (deleted)")
            elif created is None:
                self.report.skip("Votes.xml", "no valid CreationDate")
            else:
                batch.append((source_id, {"user_id": self.voters.next_for(post_id), "post_id": post_id,
                                          "value": VOTE_VALUES[kind], "created_at": created}))
                if len(batch) >= BATCH:
                    self._insert(Vote, "vote", batch)
        self._insert(Vote, "vote", batch)

    def _badges(self) -> None:
        """Badges are not copied: this forum's own badges are earned again from the imported history."""
        for _row in self._file("Badges.xml"):
            self.report.skip("Badges.xml", "badges are re-earned by this forum's rules (badges backfill)")


class VoterPool:
    """Placeholder accounts that cast the dump's anonymous votes: voter n casts the n-th vote on a post.

    The pool grows to the largest number of votes on one post; voters have no e-mail or password, so
    they cannot log in, and never author anything, so no vote is a self-vote.
    """

    def __init__(self, importer: StackExchangeImport):
        self.importer = importer
        self.slots: list[int] = [importer.ids["voter"][n] for n in sorted(importer.ids["voter"])]
        used: Counter[int] = Counter()
        if self.slots:
            used.update(db.session.scalars(select(Vote.post_id).where(Vote.user_id.in_(self.slots))))
        self.used = used  # post -> votes already cast there by the pool

    def next_for(self, post_id: int) -> int:
        n = self.used[post_id]
        self.used[post_id] += 1
        while len(self.slots) <= n:
            self._grow()
        return self.slots[n]

    def _grow(self) -> None:
        slot = len(self.slots) + 1
        host = self.importer.site.split(".")[0][:16]
        taken = set(db.session.scalars(select(User.username_key).where(User.username_key.like(f"{host}-voter-%"))))
        username = unique_username(f"{host}-voter-{slot}", taken)
        values = {"username": username, "username_key": username.lower(), "about": "", "is_placeholder": True,
                  "display_name": f"Imported voter {slot} ({self.importer.site})"[:60]}
        self.slots += self.importer._insert(User, "voter", [(slot, values)])
