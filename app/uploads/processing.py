"""Pictures decoded and re-encoded with Pillow: what is stored and served is never what was sent.

The header is read first: anything but JPEG, PNG, WebP, GIF and HEIC is refused, and so is a picture larger than
the limits before a pixel is decoded (decompression bombs). Then it is decoded (JPEGs at a reduced scale when
that is enough), turned upright as its EXIF orientation says, converted to sRGB, scaled to the display size and
to smaller copies, and encoded without any metadata (EXIF, GPS, XMP, comments, colour profiles). GIFs keep their
first frame only (docs/decisions.md).
"""

import hashlib
import io
from dataclasses import dataclass

from PIL import Image, ImageCms, UnidentifiedImageError

from app.errors import Invalid
from app.i18n import lazy_gettext as _l

try:  # iPhones' photos; without the decoder they are refused with a way round
    import pillow_heif

    pillow_heif.register_heif_opener()
    HEIC_SUPPORTED = True
except ImportError:  # pragma: no cover - pillow-heif is pinned in requirements.txt
    HEIC_SUPPORTED = False

OPENED_FORMATS = ["JPEG", "PNG", "WEBP", "GIF", *(["HEIF"] if HEIC_SUPPORTED else [])]
# HEIF containers name their brand at bytes 8-12 of their first box ("ftyp").
HEIF_BRANDS = {b"heic", b"heix", b"hevc", b"hevx", b"heim", b"heis", b"mif1", b"msf1"}
JPEG_QUALITY = 82
WEBP_QUALITY = 80
# An opaque PNG (a photo saved as PNG) whose display file would be larger than this is stored as JPEG instead.
OPAQUE_PNG_MAX_BYTES = 1_500_000
ALLOWED_KINDS = _l("Choose a photo or picture in JPEG, PNG, WebP, GIF or HEIC format.")
SRGB = ImageCms.createProfile("sRGB")
ORIENTATION_TAG = 0x0112
# EXIF orientation -> the turn that makes the picture upright (as ImageOps.exif_transpose).
TURNS = {2: Image.Transpose.FLIP_LEFT_RIGHT, 3: Image.Transpose.ROTATE_180, 4: Image.Transpose.FLIP_TOP_BOTTOM,
         5: Image.Transpose.TRANSPOSE, 6: Image.Transpose.ROTATE_270, 7: Image.Transpose.TRANSVERSE,
         8: Image.Transpose.ROTATE_90}


@dataclass(frozen=True)
class Limits:
    max_bytes: int
    max_pixels: int
    max_side: int
    display_size: int  # the longest side of the display file
    smaller_widths: tuple[int, ...]  # copies for phones' srcset and thumbnails


@dataclass(frozen=True)
class EncodedFile:
    data: bytes
    width: int
    height: int

    @property
    def sha256(self) -> str:
        return hashlib.sha256(self.data).hexdigest()


@dataclass(frozen=True)
class Processed:
    format: str  # jpeg, png or webp
    files: list[EncodedFile]  # the display file first, then smaller copies

    @property
    def display(self) -> EncodedFile:
        return self.files[0]


def refuse(message, field: str = "image"):
    return Invalid(message, field)


def process(data: bytes, limits: Limits) -> Processed:
    """The picture re-encoded at the display size and the smaller widths, or Invalid saying what is wrong."""
    if not data:
        raise refuse(_l("The file is empty. %(kinds)s", kinds=ALLOWED_KINDS))
    if len(data) > limits.max_bytes:
        raise refuse(_l("The picture is %(size)s MB; the largest accepted is %(max)s MB.",
                        size=_megabytes(len(data)), max=_megabytes(limits.max_bytes)))
    if _is_heif(data) and not HEIC_SUPPORTED:
        raise refuse(_l("HEIC photos cannot be read here. On an iPhone, choose Settings › Camera › Formats › "
                        "“Most Compatible”, or share the photo as JPEG."))
    try:
        with Image.open(io.BytesIO(data), formats=OPENED_FORMATS) as opened:
            _check_size(opened.size, limits)
            picture = _decode(opened, limits)
            source_format = opened.format
    except Image.DecompressionBombError:
        raise refuse(_too_many_pixels(limits)) from None
    except UnidentifiedImageError:
        raise refuse(ALLOWED_KINDS) from None
    except (OSError, SyntaxError, ValueError, EOFError, IndexError, TypeError):
        # Pillow's decoders raise these for truncated and corrupt files.
        raise refuse(_l("The picture could not be read: the file is damaged or incomplete. %(kinds)s",
                        kinds=ALLOWED_KINDS)) from None
    return _encode_all(picture, source_format, limits)


def _megabytes(size: int) -> str:
    return f"{size / 1024 / 1024:.1f}".rstrip("0").rstrip(".")


def _is_heif(data: bytes) -> bool:
    return data[4:8] == b"ftyp" and data[8:12] in HEIF_BRANDS


def _too_many_pixels(limits: Limits):
    return _l("The picture has too many pixels: at most %(megapixels)s million are accepted, each side at most "
              "%(side)s pixels.", megapixels=limits.max_pixels // 1_000_000, side=limits.max_side)


def _check_size(size: tuple[int, int], limits: Limits) -> None:
    """From the header alone, before anything is decoded."""
    width, height = size
    if width < 1 or height < 1:
        raise refuse(ALLOWED_KINDS)
    if width * height > limits.max_pixels or max(width, height) > limits.max_side:
        raise refuse(_too_many_pixels(limits))


def _decode(opened: Image.Image, limits: Limits) -> Image.Image:
    """Decoded, upright, in sRGB, no larger than the display size; nothing of the file's metadata kept."""
    if opened.format == "JPEG":
        # Decode at 1/2, 1/4 or 1/8 scale when the display size still fits: a 12-megapixel photo in a quarter
        # of the time and memory.
        opened.draft("RGB", _fit(opened.size, limits.display_size))
    opened.seek(0)  # GIF and animated WebP: the first frame
    opened.load()
    orientation = opened.getexif().get(ORIENTATION_TAG, 1)
    icc_profile = opened.info.get("icc_profile")
    picture = _plain_mode(opened)
    picture.thumbnail((limits.display_size, limits.display_size), Image.Resampling.LANCZOS)
    if orientation in TURNS:  # turned once scaled down: a quarter of the pixels to move
        picture = picture.transpose(TURNS[orientation])
    if icc_profile:
        picture = _to_srgb(picture, icc_profile)
    picture.info.clear()
    return picture


def _fit(size: tuple[int, int], box: int) -> tuple[int, int]:
    width, height = size
    scale = min(1.0, box / max(width, height))
    return max(1, round(width * scale)), max(1, round(height * scale))


def _plain_mode(picture: Image.Image) -> Image.Image:
    """RGB, or RGBA where the picture has transparency (palette, greyscale and CMYK pictures converted)."""
    has_alpha = picture.mode in ("RGBA", "LA", "PA") or "transparency" in picture.info
    wanted = "RGBA" if has_alpha else "RGB"
    picture = picture.convert(wanted) if picture.mode != wanted else picture.copy()
    # An alpha channel that hides nothing. (RGBA has four (min, max) pairs, which Pillow's types do not tell.)
    if has_alpha and picture.getextrema()[3][0] == 255:  # type: ignore[misc]
        picture = picture.convert("RGB")
    return picture


def _to_srgb(picture: Image.Image, icc_profile: bytes) -> Image.Image:
    """Colours as the camera's profile meant them (wide-gamut phone photos), then the profile dropped."""
    try:
        source = ImageCms.ImageCmsProfile(io.BytesIO(icc_profile))
        return ImageCms.profileToProfile(picture, source, SRGB, outputMode=picture.mode) or picture
    except (ImageCms.PyCMSError, OSError, ValueError):
        return picture  # an unreadable profile: the pixels as they are


def _output_format(picture: Image.Image, source_format: str | None) -> str:
    if source_format == "WEBP":
        return "webp"
    if source_format in ("PNG", "GIF") or picture.mode == "RGBA":
        return "png"
    return "jpeg"  # JPEG, and HEIC photos, which browsers do not all show


def _encode(picture: Image.Image, output: str, progressive: bool = True) -> bytes:
    buffer = io.BytesIO()
    if output == "jpeg":
        picture.save(buffer, "JPEG", quality=JPEG_QUALITY, progressive=progressive)
    elif output == "webp":
        picture.save(buffer, "WEBP", quality=WEBP_QUALITY, method=4)
    else:
        picture.save(buffer, "PNG", compress_level=6)
    return buffer.getvalue()


def _encode_all(picture: Image.Image, source_format: str | None, limits: Limits) -> Processed:
    output = _output_format(picture, source_format)
    display = _encode(picture, output)
    if output == "png" and picture.mode == "RGB" and len(display) > OPAQUE_PNG_MAX_BYTES:
        output, display = "jpeg", _encode(picture, "jpeg")
    files = [EncodedFile(display, picture.width, picture.height)]
    source = picture
    for width in sorted(limits.smaller_widths, reverse=True):
        if width < files[-1].width:
            # Each copy from the next larger one, reduced by whole factors first: a third of the time, and the
            # copies are small enough to load at once (progressive only for the display file).
            source = source.resize(_fit_width(picture.size, width), Image.Resampling.LANCZOS, reducing_gap=2.0)
            files.append(EncodedFile(_encode(source, output, progressive=False), source.width, source.height))
    return Processed(output, files)


def _fit_width(size: tuple[int, int], width: int) -> tuple[int, int]:
    return width, max(1, round(size[1] * width / size[0]))
