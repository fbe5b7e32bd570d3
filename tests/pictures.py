"""Picture files for the upload tests, made with Pillow: photos with EXIF and GPS, every accepted kind, and the
hostile ones (polyglots, bombs, truncated files, SVG under another name)."""

import io
import struct
import zipfile
import zlib

from PIL import Image

GPS_IFD = 0x8825
ORIENTATION = 0x0112
MAKE, MODEL, SOFTWARE = 0x010F, 0x0110, 0x0131


def photo(width: int = 1200, height: int = 900, color=(180, 90, 40)) -> Image.Image:
    """A picture with detail in it (gradients and a mark in one corner), so that orientation can be checked."""
    picture = Image.linear_gradient("L").resize((width, height)).convert("RGB")
    picture = Image.blend(picture, Image.new("RGB", (width, height), color), 0.5)
    picture.paste((255, 0, 0), (0, 0, max(1, width // 8), max(1, height // 8)))  # red: the top-left corner
    return picture


def exif_with_gps(orientation: int = 1) -> Image.Exif:
    exif = Image.Exif()
    exif[ORIENTATION] = orientation
    exif[MAKE], exif[MODEL], exif[SOFTWARE] = "Phonemaker", "Phone 15 Pro", "17.1"
    exif[GPS_IFD] = {1: "N", 2: (45.0, 27.0, 51.84), 3: "E", 4: (9.0, 11.0, 22.5), 6: 120.0}
    return exif


def encode(picture: Image.Image, kind: str = "JPEG", **options) -> bytes:
    buffer = io.BytesIO()
    picture.save(buffer, kind, **options)
    return buffer.getvalue()


def phone_jpeg(width: int = 4000, height: int = 3000, orientation: int = 6) -> bytes:
    """As a phone saves a photo held upright: landscape pixels, an orientation tag, GPS and the camera's name."""
    return encode(photo(width, height), "JPEG", quality=90, exif=exif_with_gps(orientation),
                  comment=b"taken at Via Roma 12")


def png(width: int = 800, height: int = 600, alpha: bool = False) -> bytes:
    picture = photo(width, height)
    if alpha:
        picture = picture.convert("RGBA")
        picture.putalpha(128)
    return encode(picture, "PNG")


def webp(width: int = 800, height: int = 600) -> bytes:
    return encode(photo(width, height), "WEBP", quality=80)


def animated_gif(width: int = 200, height: int = 150, frames: int = 5) -> bytes:
    pictures = [photo(width, height, color=(40 * i, 80, 200 - 30 * i)).convert("P") for i in range(frames)]
    return encode(pictures[0], "GIF", save_all=True, append_images=pictures[1:], duration=100, loop=0)


def heic(width: int = 1200, height: int = 900) -> bytes:
    import pillow_heif

    pillow_heif.register_heif_opener()
    return encode(photo(width, height), "HEIF", quality=80, exif=exif_with_gps(1))


def png_header_only(width: int, height: int) -> bytes:
    """A valid PNG signature and header claiming this size, with one tiny compressed row: a decompression bomb's
    header, refused before anything is decoded."""
    def chunk(kind: bytes, data: bytes) -> bytes:
        return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data) & 0xFFFFFFFF)

    header = struct.pack(">IIBBBBB", width, height, 8, 2, 0, 0, 0)
    return b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", header) + chunk(b"IDAT", zlib.compress(b"\0" * 64)) + \
        chunk(b"IEND", b"")


def jpeg_html_polyglot() -> bytes:
    """A real JPEG with a page after its end marker (and in a comment): browsers sniffing it could run the page."""
    page = b"<html><body><script>window.__polyglot=1</script></body></html>"
    return encode(photo(300, 200), "JPEG", comment=page) + page


def jpeg_zip_polyglot() -> bytes:
    """A real JPEG that is also a ZIP archive (its directory at the end)."""
    archive = io.BytesIO()
    with zipfile.ZipFile(archive, "w") as bundle:
        bundle.writestr("evil.html", "<script>alert(1)</script>")
    return encode(photo(300, 200), "JPEG") + archive.getvalue()


SVG = (b'<?xml version="1.0"?><svg xmlns="http://www.w3.org/2000/svg" width="10" height="10">'
       b'<script>alert(1)</script><rect width="10" height="10"/></svg>')
