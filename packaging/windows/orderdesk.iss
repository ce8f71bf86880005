; Inno Setup 6 script: the Windows installer for the one-folder bundle (dist\OrderDesk\, from build.spec).
;
;   ISCC.exe /DMyAppVersion=0.1.0 packaging\windows\orderdesk.iss
;     -> dist\installer\OrderDesk-0.1.0-setup.exe
;
; Installs for the current user without administrator rights (into %LOCALAPPDATA%\Programs\OrderDesk);
; the first page offers "for all users" (Program Files, needs an administrator), and so do the
; /ALLUSERS and /CURRENTUSER command-line switches. The uninstaller removes only the program folder:
; the database, settings, logs and backups live in the user data folder (%LOCALAPPDATA%\OrderDesk)
; and the registry (HKCU\Software\OrderDesk) and are kept, so a reinstall or upgrade finds them.
; Built by .github/workflows/windows.yml; it cannot be built on the Linux development machines.

#ifndef MyAppVersion
  #define MyAppVersion "0.0.0"
#endif
#define MyAppName "OrderDesk"
#define MyAppExe "orderdesk-gui.exe"
#define MyCliExe "orderdesk.exe"

[Setup]
; The AppId identifies the product across versions: an upgrade installs over the previous copy.
AppId={{5B0E7C3A-2F4D-4E8B-9A61-0D3C2B7F1E54}
AppName={#MyAppName}
AppVersion={#MyAppVersion}
AppVerName={#MyAppName} {#MyAppVersion}
AppPublisher=OrderDesk
DefaultDirName={autopf}\{#MyAppName}
DefaultGroupName={#MyAppName}
DisableProgramGroupPage=yes
PrivilegesRequired=lowest
PrivilegesRequiredOverridesAllowed=dialog commandline
ArchitecturesAllowed=x64compatible
ArchitecturesInstallIn64BitMode=x64compatible
OutputDir=..\..\dist\installer
OutputBaseFilename={#MyAppName}-{#MyAppVersion}-setup
Compression=lzma2/max
SolidCompression=yes
WizardStyle=modern
UninstallDisplayIcon={app}\{#MyAppExe}
UninstallDisplayName={#MyAppName} {#MyAppVersion}
CloseApplications=yes
VersionInfoVersion={#MyAppVersion}

[Languages]
Name: "english"; MessagesFile: "compiler:Default.isl"

[Tasks]
Name: "desktopicon"; Description: "{cm:CreateDesktopIcon}"; GroupDescription: "{cm:AdditionalIcons}"

[InstallDelete]
; An upgrade replaces the bundle's library folder whole: no stale Qt plugin or module of the old version.
Type: filesandordirs; Name: "{app}\_internal"

[Files]
Source: "..\..\dist\OrderDesk\*"; DestDir: "{app}"; Flags: ignoreversion recursesubdirs createallsubdirs

[Icons]
Name: "{autoprograms}\{#MyAppName}\{#MyAppName}"; Filename: "{app}\{#MyAppExe}"
Name: "{autoprograms}\{#MyAppName}\{#MyAppName} self-test"; Filename: "{cmd}"; \
    Parameters: "/k ""{app}\{#MyCliExe}"" selftest"; WorkingDir: "{app}"
Name: "{autoprograms}\{#MyAppName}\Uninstall {#MyAppName}"; Filename: "{uninstallexe}"
Name: "{autodesktop}\{#MyAppName}"; Filename: "{app}\{#MyAppExe}"; Tasks: desktopicon

[Run]
Filename: "{app}\{#MyAppExe}"; Description: "{cm:LaunchProgram,{#MyAppName}}"; Flags: nowait postinstall skipifsilent

; No [UninstallDelete] entry: the user's data is never removed by the uninstaller.
