"""Pictures, broken files and hostile files built in memory for the image tests."""

import io
import struct
import zlib

from django.core.files.uploadedfile import SimpleUploadedFile
from PIL import ExifTags, ImageCms
from PIL import Image as PILImage

SCRIPT_SVG = (
    b'<?xml version="1.0"?>\n<svg xmlns="http://www.w3.org/2000/svg" width="100" height="100">'
    b'<script>alert(document.cookie)</script><rect width="100" height="100" fill="red"/></svg>'
)
HTML_PAGE = b"<!DOCTYPE html><html><body><script>alert(1)</script><p>not a picture</p></body></html>"


def encode(image: PILImage.Image, image_format: str = "JPEG", **options) -> bytes:
    buffer = io.BytesIO()
    image.save(buffer, format=image_format, **options)
    return buffer.getvalue()


def upload(data: bytes, name: str = "photo.jpg", content_type: str = "image/jpeg") -> SimpleUploadedFile:
    return SimpleUploadedFile(name, data, content_type=content_type)


def jpeg(width: int = 64, height: int = 48, color="teal") -> bytes:
    return encode(PILImage.new("RGB", (width, height), color))


def truncated_jpeg() -> bytes:
    data = encode(PILImage.effect_noise((256, 256), 64).convert("RGB"), quality=95)
    return data[: len(data) // 2]


def png_claiming_size(width: int, height: int) -> bytes:
    """A tiny PNG whose header claims ``width``×``height`` pixels: a decompression bomb's calling card."""
    ihdr = struct.pack(">IIBBBBB", width, height, 8, 2, 0, 0, 0)
    idat = zlib.compress(b"\x00" * 64)

    def chunk(kind: bytes, body: bytes) -> bytes:
        return struct.pack(">I", len(body)) + kind + body + struct.pack(">I", zlib.crc32(kind + body))

    return b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", ihdr) + chunk(b"IDAT", idat) + chunk(b"IEND", b"")


def cmyk_jpeg() -> bytes:
    # Pure cyan ink: RGB (0, 255, 255) once converted.
    return encode(PILImage.new("CMYK", (60, 40), (255, 0, 0, 0)))


def phone_photo_with_gps() -> bytes:
    """40×20 as the sensor saw it (left red, right blue), EXIF orientation 6 (rotate 90° clockwise), GPS, XMP."""
    image = PILImage.new("RGB", (40, 20), "blue")
    image.paste((255, 0, 0), (0, 0, 20, 20))
    exif = PILImage.Exif()
    exif[ExifTags.Base.Orientation] = 6
    exif[ExifTags.Base.Model] = "Test Phone"
    gps = exif.get_ifd(ExifTags.IFD.GPSInfo)
    gps[ExifTags.GPS.GPSLatitudeRef] = "N"
    gps[ExifTags.GPS.GPSLatitude] = (29.0, 50.0, 30.0)
    gps[ExifTags.GPS.GPSLongitudeRef] = "E"
    gps[ExifTags.GPS.GPSLongitude] = (114.0, 19.0, 0.0)
    xmp = b"<x:xmpmeta xmlns:x='adobe:ns:meta/'><rdf:RDF>home-address</rdf:RDF></x:xmpmeta>"
    return encode(image, exif=exif, xmp=xmp, quality=95)


def srgb_profile() -> bytes:
    return ImageCms.ImageCmsProfile(ImageCms.createProfile("sRGB")).tobytes()


def two_tone(width: int, height: int, *, top="red", bottom="blue", image_format="JPEG") -> bytes:
    image = PILImage.new("RGB", (width, height), bottom)
    image.paste(PILImage.new("RGB", (width, height // 2), top), (0, 0))
    return encode(image, image_format)
