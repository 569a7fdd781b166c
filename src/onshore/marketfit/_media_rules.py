"""Each network's media rules in one table, with the documentation every number is from.

Read on 2026-12-05 (``READ_ON``). Every limit that is not None names, in the row's
``sources``, the page of the network's own documentation it comes from
(tests/marketfit/test_media_rules.py holds every row to that). None means the pages
read do not state the number: the checker then checks nothing for it. It never means
"unlimited", and no number here is a guess.

Conventions, so one number means one thing:

- Bytes: where a page says "5 MB" without saying 10^6 or 2^20, the table keeps the
  smaller reading (5,000,000): a file under it passes either way. Exact byte counts
  (Bluesky's lexicons, Mastodon's instance entity) are kept as given.
- Aspect ratios are width / height: Instagram's "4:5 to 1.91:1" is (0.8, 1.91).
- A page that says a network scales an image itself (Instagram's and Threads' "minimum
  width 320, will be scaled up") gives no limit: nothing is refused or lost.
- ``gif_is_video``: an animated GIF counts as the post's one video (X: "4 photos, 1
  animated GIF or 1 video"; Mastodon converts it to a soundless video, "gifv").
- ``gif_animated`` False: the network takes a GIF but shows only its first frame
  (Bluesky's images embed); a network that takes no GIF at all shows a still too.

Where a page could not be read here but copies quoting it word for word could, the
row's ``notes`` says so. Mastodon's row is the default of a stock server: a channel
passes its instance's own limits (read at connect from ``/api/v2/instance``) as
``MediaLimits``, which win over the row (see _media_check.py).
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from types import MappingProxyType

READ_ON = "2026-12-05"

# The pages (one constant each, so a row names the page a number is on).
X_MEDIA = "https://docs.x.com/x-api/media/quickstart/best-practices"
BSKY_IMAGES = (
    "https://github.com/bluesky-social/atproto/blob/main/lexicons/app/bsky/embed/images.json"
)
BSKY_VIDEO = (
    "https://github.com/bluesky-social/atproto/blob/main/lexicons/app/bsky/embed/video.json"
)
BSKY_POST = "https://github.com/bluesky-social/atproto/blob/main/lexicons/app/bsky/feed/post.json"
BSKY_GIF_STILL = "https://github.com/bluesky-social/atproto/issues/3090"
MASTODON_INSTANCE = "https://docs.joinmastodon.org/entities/Instance/#media_attachments"
MASTODON_POSTING = "https://docs.joinmastodon.org/user/posting/#media"
LINKEDIN_IMAGES = (
    "https://learn.microsoft.com/en-us/linkedin/marketing/community-management/shares/images-api"
)
LINKEDIN_MULTI = (
    "https://learn.microsoft.com/en-us/linkedin/marketing/community-management/shares/"
    "multiimage-post-api"
)
IG_MEDIA = "https://developers.facebook.com/docs/instagram-api/reference/ig-user/media"
IG_PUBLISHING = "https://developers.facebook.com/docs/instagram-platform/content-publishing"
THREADS_POSTS = "https://developers.facebook.com/docs/threads/posts"
FACEBOOK_PHOTOS = "https://developers.facebook.com/docs/graph-api/reference/page/photos/"

JPEG = "image/jpeg"
PNG = "image/png"
GIF = "image/gif"
WEBP = "image/webp"
MP4 = "video/mp4"
MOV = "video/quicktime"


@dataclass(frozen=True)
class MediaRules:
    """What one network accepts as a post's media. None: the documentation read does
    not say (nothing is checked). ``sources`` maps each field set here to its page."""

    network: str
    # The post as a whole.
    max_items: int | None = None
    min_items: int = 0  # Instagram has no text-only post
    max_images: int | None = None
    max_videos: int | None = None  # an animated GIF counts here when gif_is_video
    mixing: bool | None = None  # images and video in one post
    gif_is_video: bool | None = None
    gif_animated: bool | None = None  # False: an animated GIF is shown as a still
    # Each image.
    image_types: tuple[str, ...] | None = None  # MIME types
    image_max_bytes: int | None = None
    image_max_pixels: int | None = None  # width × height
    image_aspect: tuple[float, float] | None = None  # (min, max) width / height
    # Animated GIFs, where they have limits of their own.
    gif_max_bytes: int | None = None
    gif_max_width: int | None = None
    gif_max_height: int | None = None
    gif_max_pixels: int | None = None
    # Each video.
    video_types: tuple[str, ...] | None = None
    video_max_bytes: int | None = None
    video_min_seconds: float | None = None
    video_max_seconds: float | None = None
    video_min_width: int | None = None
    video_min_height: int | None = None
    video_max_pixels: int | None = None
    video_aspect: tuple[float, float] | None = None
    # Alt text (the description read aloud), in characters.
    alt_max_chars: int | None = None
    sources: Mapping[str, str] = field(default_factory=dict)
    notes: tuple[str, ...] = ()


def _sources(**pages: str) -> Mapping[str, str]:
    return MappingProxyType(pages)


X = MediaRules(
    "x",
    max_items=4,
    max_images=4,
    max_videos=1,
    mixing=False,
    gif_is_video=True,
    image_types=(JPEG, PNG, GIF, WEBP),
    image_max_bytes=5_000_000,  # "Image size: <= 5 MB"
    gif_max_bytes=15_000_000,  # "Animated GIF size: <= 15 MB"
    gif_max_width=1280,  # "Resolution: <= 1280x1080"
    gif_max_height=1080,
    video_max_bytes=512_000_000,  # "File size: must not exceed 512 mb"
    video_min_seconds=0.5,  # "Duration: must be between 0.5 seconds and 140 seconds"
    video_max_seconds=140,
    video_min_width=32,  # "Dimensions: must be between 32x32 and 1280x1024"
    video_min_height=32,
    video_aspect=(1 / 3, 3.0),  # "Aspect ratio: must be between 1:3 and 3:1"
    sources=_sources(
        max_items=X_MEDIA,
        max_images=X_MEDIA,
        max_videos=X_MEDIA,
        mixing=X_MEDIA,
        gif_is_video=X_MEDIA,
        image_types=X_MEDIA,
        image_max_bytes=X_MEDIA,
        gif_max_bytes=X_MEDIA,
        gif_max_width=X_MEDIA,
        gif_max_height=X_MEDIA,
        video_max_bytes=X_MEDIA,
        video_min_seconds=X_MEDIA,
        video_max_seconds=X_MEDIA,
        video_min_width=X_MEDIA,
        video_min_height=X_MEDIA,
        video_aspect=X_MEDIA,
    ),
    notes=(
        "Read in the page's source, github.com/xdevplatform/docs "
        "x-api/media/quickstart/best-practices.mdx at 2871328.",
        "The page's 1280x1024 video maximum is left out: the same page says subscribed "
        "users can upload 1080p video, so the maximum is not one number.",
        "The GIF resolution is what the page recommends ('A GIF may fail ... even if it "
        "is within the file size limit'): a warning, not an error.",
        "Alt text length: the old v1.1 reference said 420 characters; the v2 media "
        "metadata page could not be read here, so none is checked.",
    ),
)

BLUESKY = MediaRules(
    "bluesky",
    max_items=4,
    max_images=4,  # app.bsky.embed.images: images maxLength 4
    max_videos=1,  # app.bsky.embed.video holds one video blob
    mixing=False,  # app.bsky.feed.post embed is a union: images or video, not both
    gif_animated=False,  # an images-embed GIF is served as a still (see notes)
    image_types=None,  # accept: image/* (any image type)
    image_max_bytes=2_000_000,  # blob maxSize 2000000, "formerly limited to 1 MB"
    video_types=(MP4,),  # accept: video/mp4
    video_max_bytes=300_000_000,  # blob maxSize 300000000, "formerly limited to 100mb"
    sources=_sources(
        max_items=BSKY_IMAGES,
        max_images=BSKY_IMAGES,
        max_videos=BSKY_VIDEO,
        mixing=BSKY_POST,
        gif_animated=BSKY_GIF_STILL,
        image_max_bytes=BSKY_IMAGES,
        video_types=BSKY_VIDEO,
        video_max_bytes=BSKY_VIDEO,
    ),
    notes=(
        "Read in bluesky-social/atproto at d6296a1 (2026-08-20). The local PDS the tests "
        "run (@atproto/pds 0.4.217) ships the same image limit and a 100,000,000-byte "
        "video limit.",
        "No aspect ratio, dimension, duration or alt text length limits in the lexicons "
        "(aspectRatio is a rendering hint; alt has no maxLength).",
        "Onshore's Bluesky adapter does not upload video yet: see BLUESKY_VIDEO_PUBLISHED.",
        "The newest lexicons add app.bsky.embed.gallery (up to 20 items, 'a soft limit of "
        "10' in clients); the local PDS and onshore's adapter use app.bsky.embed.images, "
        "so the row keeps its 4.",
        "GIFs: the lexicons say nothing; Bluesky's own trackers do (atproto#3090, "
        "social-app#6445 and #6837, open): an animated GIF in an images embed is shown "
        "as its first frame; the app animates only GIFs uploaded as video.",
    ),
)

MASTODON = MediaRules(
    "mastodon",
    max_items=4,  # configuration.statuses.max_media_attachments
    max_images=4,
    max_videos=1,  # "Only one video can be attached, per post"
    mixing=False,
    gif_is_video=True,  # GIFs "are converted to soundless MP4s", one per post
    image_types=(JPEG, PNG, GIF, "image/heic", "image/heif", WEBP, "image/avif"),
    image_max_bytes=16_777_216,  # image_size_limit
    image_max_pixels=33_177_600,  # image_matrix_limit
    gif_max_pixels=1280 * 720,  # "GIF dimensions must be less than 1MP (1280x720)"
    video_types=("video/webm", MP4, MOV, "video/ogg"),
    video_max_bytes=103_809_024,  # video_size_limit (99 MiB)
    video_max_pixels=8_294_400,  # video_matrix_limit
    alt_max_chars=1500,  # description_limit
    sources=_sources(
        max_items=MASTODON_INSTANCE,
        max_images=MASTODON_POSTING,
        max_videos=MASTODON_POSTING,
        mixing=MASTODON_POSTING,
        gif_is_video=MASTODON_POSTING,
        image_types=MASTODON_INSTANCE,
        image_max_bytes=MASTODON_INSTANCE,
        image_max_pixels=MASTODON_INSTANCE,
        gif_max_pixels=MASTODON_POSTING,
        video_types=MASTODON_INSTANCE,
        video_max_bytes=MASTODON_INSTANCE,
        video_max_pixels=MASTODON_INSTANCE,
        alt_max_chars=MASTODON_INSTANCE,
    ),
    notes=(
        "Read in mastodon/documentation at 2903485 (2026-07-02): the values in the "
        "Instance entity's example, which the posting guide's 16MB / 99MB / 4 images match.",
        "Defaults only: each server sets its own and says so in /api/v2/instance.",
        "Video duration: not stated.",
    ),
)

LINKEDIN = MediaRules(
    "linkedin",
    max_items=20,  # "minimum of 2 images and maximum of 20 images"
    max_images=20,
    image_types=(JPEG, GIF, PNG),  # "JPG, GIF, and PNG formats"
    image_max_pixels=36_152_319,  # "Images with less than 36,152,320 pixels"
    alt_max_chars=4086,
    sources=_sources(
        max_items=LINKEDIN_MULTI,
        max_images=LINKEDIN_MULTI,
        image_types=LINKEDIN_IMAGES,
        image_max_pixels=LINKEDIN_IMAGES,
        alt_max_chars=LINKEDIN_MULTI,
    ),
    notes=(
        "The pages could not be read here; their sentences were read in copies quoting "
        "them word for word.",
        "Image file size, aspect ratio and every video limit: not found on the pages read.",
        "Whether images and video mix in one post: not stated.",
    ),
)

INSTAGRAM = MediaRules(
    "instagram",
    max_items=10,  # "Carousels are limited to 10 images, videos, or a mix of the two."
    min_items=1,  # a container is made from an image_url or a video_url: no text-only post
    mixing=True,  # "... or a mix of the two"
    image_types=(JPEG,),  # "Format: JPEG"
    image_max_bytes=8_000_000,  # "File size: 8 MB maximum."
    image_aspect=(0.8, 1.91),  # "Must be within a 4:5 to 1.91:1 range"
    video_types=(MOV, MP4),  # "Container: MOV or MP4 (MPEG-4 Part 14)"
    sources=_sources(
        max_items=IG_PUBLISHING,
        min_items=IG_MEDIA,
        mixing=IG_PUBLISHING,
        image_types=IG_MEDIA,
        image_max_bytes=IG_MEDIA,
        image_aspect=IG_MEDIA,
        video_types=IG_MEDIA,
    ),
    notes=(
        "Image and container specifications read on the IG User Media page; the carousel "
        "sentence in copies of the Content Publishing page quoting it word for word.",
        "Width 320-1440 is scaled by Instagram itself: no limit.",
        "Video duration and size (feed video is published as a reel since 2023): the "
        "numbers were not on the parts of the page read, so none are checked.",
        "Alt text length: not stated.",
    ),
)

THREADS = MediaRules(
    "threads",
    max_items=20,  # "Carousels are limited to 20 images, videos, or a mix of the two"
    mixing=True,
    image_types=(JPEG, PNG),
    image_max_bytes=8_000_000,  # "8 MB maximum"
    image_aspect=(0.1, 10.0),  # "Aspect Ratio Limit: 10:1"
    video_types=(MOV, MP4),
    video_max_bytes=1_000_000_000,  # "1 GB maximum"
    video_max_seconds=300,  # "300 seconds (5 minutes) maximum"
    video_aspect=(0.01, 10.0),  # "between 0.01:1 and 10:1"
    alt_max_chars=1000,  # "The maximum length of alt_text is 1,000 characters"
    sources=_sources(
        max_items=THREADS_POSTS,
        mixing=THREADS_POSTS,
        image_types=THREADS_POSTS,
        image_max_bytes=THREADS_POSTS,
        image_aspect=THREADS_POSTS,
        video_types=THREADS_POSTS,
        video_max_bytes=THREADS_POSTS,
        video_max_seconds=THREADS_POSTS,
        video_aspect=THREADS_POSTS,
        alt_max_chars=THREADS_POSTS,
    ),
    notes=(
        "The page could not be read here; its specification was read in copies quoting "
        "it word for word.",
        "Width 320-1440 is scaled by Threads itself: no limit.",
    ),
)

FACEBOOK = MediaRules(
    "facebook",
    image_types=(JPEG, "image/bmp", PNG, GIF, "image/tiff"),
    image_max_bytes=10_000_000,  # "Files can not exceed 10MB."
    sources=_sources(image_types=FACEBOOK_PHOTOS, image_max_bytes=FACEBOOK_PHOTOS),
    notes=(
        "Images per post, mixing and every video limit: not in the Page reference "
        "(multi-photo posts use attached_media, which the reference does not list).",
    ),
)

NETWORK_MEDIA_RULES: Mapping[str, MediaRules] = MappingProxyType(
    {
        rules.network: rules
        for rules in (X, BLUESKY, MASTODON, LINKEDIN, INSTAGRAM, THREADS, FACEBOOK)
    }
)

# Not a network's rule but onshore's own: its Bluesky adapter uploads images only, so
# a video for Bluesky is an error until it learns app.bsky.video (issue 16, part 5).
BLUESKY_VIDEO_PUBLISHED = False
