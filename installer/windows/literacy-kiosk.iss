; Inno Setup script for the Windows kiosk. Build the bundle first (literacy-kiosk.spec), then:
;
;   iscc /DAppVersion=0.1.0 installer\windows\literacy-kiosk.iss
;
; Installs the bundle to C:\Program Files\literacy-kiosk\<version>, so a newer version goes
; beside the old one; the Start-menu entry and the "current.txt" file name the version in use.
; The kiosk's data and settings are per user (%LOCALAPPDATA%\literacy-kiosk and
; %LOCALAPPDATA%\literacy-kiosk\settings.toml, from platformdirs) and are never touched here.
; Before the new version is used, its self-test runs; if it fails, setup stops and the old
; version stays in use.

#ifndef AppVersion
  #define AppVersion "0.1.0"
#endif
#define Bundle "..\..\build\win\dist\literacy-kiosk"

[Setup]
AppId={{6C4B7D0E-3F3B-4C8E-9B1A-5D0B3E7A2F11}
AppName=Literacy kiosk
AppVersion={#AppVersion}
AppPublisher=Hanoi digital-literacy points
DefaultDirName={autopf}\literacy-kiosk
DisableDirPage=yes
DisableProgramGroupPage=yes
PrivilegesRequired=admin
ArchitecturesAllowed=x64compatible
ArchitecturesInstallIn64BitMode=x64compatible
OutputBaseFilename=literacy-kiosk-{#AppVersion}-windows-setup
Compression=lzma2/max
SolidCompression=yes
UninstallDisplayName=Literacy kiosk
WizardStyle=modern

[Languages]
Name: "en"; MessagesFile: "compiler:Default.isl"

[Files]
Source: "{#Bundle}\*"; DestDir: "{app}\{#AppVersion}"; Flags: ignoreversion recursesubdirs createallsubdirs

[Icons]
Name: "{autoprograms}\Literacy kiosk"; Filename: "{app}\{#AppVersion}\literacy-kiosk.exe"

[UninstallDelete]
Type: filesandordirs; Name: "{app}"

[Code]
function SelfTestPasses(): Boolean;
var
  Code: Integer;
begin
  { The new version checks itself (Qt platform, speech, database, guides) with no window. }
  Result := Exec(ExpandConstant('{app}\{#AppVersion}\literacy-kiosk.exe'), '--selftest',
    '', SW_HIDE, ewWaitUntilTerminated, Code) and (Code = 0);
end;

procedure CurStepChanged(CurStep: TSetupStep);
begin
  if CurStep = ssPostInstall then
  begin
    if not SelfTestPasses() then
    begin
      DelTree(ExpandConstant('{app}\{#AppVersion}'), True, True, True);
      MsgBox('The self-test of version {#AppVersion} failed. Nothing was changed: the ' +
        'version in use before stays in use. Run "literacy-kiosk.exe --selftest" in a ' +
        'command window to see what is missing.', mbCriticalError, MB_OK);
      Abort;
    end;
    SaveStringToFile(ExpandConstant('{app}\current.txt'), '{#AppVersion}', False);
  end;
end;
