"""What goes into the kiosk's PyInstaller bundle, shared by the Linux spec
(installer/literacy-kiosk.spec) and the Windows one (installer/windows/literacy-kiosk.spec).

Plain data and two small functions, so a test can check both specs on Linux.
"""

from __future__ import annotations

from pathlib import Path

# The server side (FastAPI, uvicorn) is the collector's own program, not the kiosk's.
SERVER_ONLY = ("kiosk.collector.app", "kiosk.collector.cli")

EXCLUDED_MODULES = [
    "tkinter",
    "fastapi",
    "starlette",
    "uvicorn",
    "psycopg",
    "psycopg_binary",
    "pytest",
    "_pytest",
    "pytestqt",
    "pypdf",
    "PyInstaller",
    "IPython",
    "numpy",
    # Pillow (for QR codes and slips) without the image formats the kiosk never reads.
    "PIL._avif",
    "PIL.AvifImagePlugin",
    "PIL._webp",
    "PIL.WebPImagePlugin",
    "PIL.ImageQt",
    "PIL._imagingtk",
    "PIL.ImageTk",
    *(
        f"PySide6.{m}"
        for m in [
            "QtWebEngineCore",
            "QtWebEngineWidgets",
            "QtWebEngineQuick",
            "QtWebChannel",
            "QtWebSockets",
            "QtQml",
            "QtQuick",
            "QtQuickWidgets",
            "QtQuick3D",
            "QtQuickControls2",
            "Qt3DCore",
            "Qt3DRender",
            "Qt3DInput",
            "Qt3DLogic",
            "Qt3DAnimation",
            "Qt3DExtras",
            "QtCharts",
            "QtDataVisualization",
            "QtGraphs",
            "QtDesigner",
            "QtHelp",
            "QtUiTools",
            "QtSql",
            "QtTest",
            "QtBluetooth",
            "QtNfc",
            "QtPositioning",
            "QtLocation",
            "QtSensors",
            "QtSerialPort",
            "QtSerialBus",
            "QtRemoteObjects",
            "QtScxml",
            "QtStateMachine",
            "QtPdf",
            "QtPdfWidgets",
            "QtSpatialAudio",
            "QtHttpServer",
            "QtOpenGL",
            "QtOpenGLWidgets",
            "QtConcurrent",
            "QtDBus",
            "QtXml",
            "QtMultimediaWidgets",
        ]
    ),
]


def hidden_imports() -> list[str]:
    """The kiosk's own modules (screens and chores are imported by name) and Alembic's."""
    from PyInstaller.utils.hooks import collect_submodules

    return [
        *collect_submodules("ui"),
        *collect_submodules("kiosk", filter=lambda name: name not in SERVER_ONLY),
        *collect_submodules("alembic", filter=lambda name: not name.startswith("alembic.testing")),
        "sqlalchemy.dialects.sqlite",
        "logging.config",
        # PyNaCl's bindings load it by name (the USB export signs and seals with them).
        "_cffi_backend",
    ]


def data_files(root: Path, version_file: str) -> list[tuple[str, str]]:
    """Resources and migrations, as (source, folder in the bundle), and the data files of
    the libraries that read their own (python-escpos: its printer capabilities)."""
    from PyInstaller.utils.hooks import collect_data_files

    return [
        *collect_data_files("escpos"),
        (str(root / "resources" / "fonts"), "resources/fonts"),
        (str(root / "resources" / "i18n"), "resources/i18n"),
        (str(root / "resources" / "guides"), "resources/guides"),
        # Alembic reads the migration scripts as files.
        (str(root / "kiosk" / "storage" / "migrations"), "kiosk/storage/migrations"),
        (version_file, "."),
    ]


# Files dropped after analysis: libraries and plug-ins the kiosk never loads. Each pattern
# is matched against the file's place in the bundle.
DROP = (
    "libQt6WebEngine",
    "libQt6Quick",
    "libQt6Qml",
    "libQt6Pdf",
    "libQt6VirtualKeyboard",
    "libQt63D",
    "libQt6Charts",
    "libQt6Graphs",
    "libQt6DataVisualization",
    "libQt6Designer",
    "libQt6ShaderTools",
    "libQt6OpenGLWidgets",
    "libQt6Sql",
    "libQt6Test",
    "/translations/",
    "/qml/",
    "plugins/platforminputcontexts/libqtvirtualkeyboardplugin",
    "plugins/platforms/libqeglfs",
    "plugins/platforms/libqlinuxfb",
    "plugins/platforms/libqminimalegl",
    "plugins/platforms/libqvnc",
    "plugins/platforms/libqvkkhrdisplay",
    "plugins/egldeviceintegrations/",
    "plugins/generic/",
    "plugins/sqldrivers/",
    "plugins/qmltooling/",
    "plugins/scenegraph/",
    "plugins/designer/",
    "plugins/sceneparsers/",
    "plugins/geometryloaders/",
    "plugins/renderers/",
    "plugins/renderplugins/",
    "plugins/position/",
    "plugins/imageformats/libqtiff",
    "plugins/imageformats/libqwebp",
    "plugins/imageformats/libqicns",
    "plugins/imageformats/libqtga",
    "plugins/imageformats/libqwbmp",
    "plugins/imageformats/libqpdf",
    "plugins/texttospeech/libqtexttospeech_flite",
    "plugins/networkinformation/",
    "plugins/platformthemes/",
    # What only the GTK platform theme (dropped above) needed; the kiosk draws its own look.
    "libatk-1.0",
    "libcairo",
    "libpango",
    "libgdk_pixbuf",
    "libfribidi",
    "libthai",
    "libdatrie",
    "libpixman",
    "libXrender",
    "libgraphite2",
    "libharfbuzz.so",
    # FFmpeg and Qt's media backend (about 20 MB): the chime's QSoundEffect plays through
    # Qt Multimedia's own PulseAudio output, which needs no backend plug-in.
    "plugins/multimedia/",
    "libavcodec",
    "libavformat",
    "libavutil",
    "libswscale",
    "libswresample",
    "libQt6FFmpegStub",
)


# The same on Windows, where Qt's files are named Qt6X.dll and plug-ins qX.dll.
DROP_WINDOWS = (
    "Qt6WebEngine",
    "Qt6Quick",
    "Qt6Qml",
    "Qt6Pdf",
    "Qt6VirtualKeyboard",
    "Qt63D",
    "Qt6Charts",
    "Qt6Graphs",
    "Qt6DataVisualization",
    "Qt6Designer",
    "Qt6ShaderTools",
    "Qt6OpenGLWidgets",
    "Qt6Sql",
    "Qt6Test",
    "/translations/",
    "/qml/",
    # Qt's software OpenGL (20 MB): the kiosk draws with widgets, which do not need it.
    "opengl32sw.dll",
    "plugins/platforminputcontexts/qtvirtualkeyboardplugin",
    "plugins/platforms/qdirect2d",
    "plugins/generic/",
    "plugins/sqldrivers/",
    "plugins/qmltooling/",
    "plugins/scenegraph/",
    "plugins/designer/",
    "plugins/position/",
    "plugins/imageformats/qtiff",
    "plugins/imageformats/qwebp",
    "plugins/imageformats/qicns",
    "plugins/imageformats/qtga",
    "plugins/imageformats/qwbmp",
    "plugins/imageformats/qpdf",
    "plugins/texttospeech/qtexttospeech_flite",
    "plugins/networkinformation/",
    "plugins/multimedia/",
    "avcodec-",
    "avformat-",
    "avutil-",
    "swscale-",
    "swresample-",
)


def keep(entry: tuple[str, ...], *, windows: bool = False) -> bool:
    """False for a file the kiosk never uses (matched on its place in the bundle, with
    either kind of slash)."""
    name = entry[0].replace("\\", "/")
    return not any(pattern in name for pattern in (DROP_WINDOWS if windows else DROP))
