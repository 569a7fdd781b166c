"""Media: images and video uploaded once per workspace and used by posts.

Two parts, one floor apart (pyproject's import contracts keep them so):

- ``onshore.media.processing`` is Django-free: type from the content, limits, EXIF
  orientation, metadata stripped, thumbnails, ffprobe/ffmpeg for video. Import, the
  API, the pages and publishing all call it through the app below, never around it.
- The Django app (between ``workspaces`` and ``posts``): ``Asset`` (models.py), the
  files in Django's storage (storage.py), the library's services (library.py), the
  pages and file serving (views.py, urls.py).

API for the other parts of issue 16 (editor upload, checker rules, publishing):

    library.add_upload(membership, chunks, name, alt_text="") -> (Asset, created)
        process and store one upload (same content → the existing asset); raises
        processing.MediaRefused with a message naming the file and the limit
    library.upload_chunks(uploaded_file) -> Iterable[bytes]   # a Django UploadedFile
    library.search(workspace, q) -> QuerySet[Asset]            # by alt text
    library.storage_used(workspace) -> int                     # bytes, files + thumbnails
    library.delete_asset(asset)                                # refused while used (AssetInUse)
    library.prune_unused(older_than, now) -> list[(Asset, bytes_freed)]
    storage.open_file(asset, variant="file"|"thumbnail") -> File
    storage.signed_url(asset, variant, seconds=900, now=None) -> absolute URL for
        webhooks and networks (expires; django.core.signing, no session needed)
    Asset: kind, mime, sha256, size, width, height, duration, alt_text, uploaded_by,
        created_at, file_name, thumbnail_name, metadata_stripped; asset.uses (the
        posts' ``Media`` rows pointing at it: ``posts.Media.asset``)

Posts link to assets through ``posts.Media.asset`` (nullable: a media row without an
asset is the older placeholder, a description and alt text, which keeps working;
``on_delete=PROTECT``: a file a post carries cannot be deleted). Chosen over a new
through-table because every reader of a post's media (revisions, previews, duplicate,
CSV, API) already walks ``post.media`` in order of id; they keep working and now see
``asset``. To attach files, pass ``{"asset_id": id}`` items in
``posts.editing.PostChanges.media`` (API: ``media[].asset_id``): kind, alt text and
description come from the asset where the item leaves them blank, another
workspace's file is refused as ``media.N.asset_id``, and a revision records the
change. ``posts.editing.media_items(post)`` gives them back in that shape.

For publishing: upload what ``outgoing.file_for_network(asset, network,
limits)`` gives (the one place a file is fitted to a network on publish: an image
over the network's size or pixel limits, or of a type it does not take, is resized
and re-encoded by ``processing.fit_image``, deterministically; an animated GIF where
only a still is shown goes as its first frame; MediaRefused when it cannot fit), and
give webhooks ``storage.signed_url(asset)`` with ``asset.mime``,
``asset.size``, ``width``/``height``, ``alt_text`` and ``sha256`` (of exactly the bytes
served; publishing/kinds/webhook.py does). Video is stored and sent as uploaded (no
transcoding): a network's codec or length rules belong to the checker's media rules.
"""
