; 年报助手 installer: NSIS 3 (Unicode), 64-bit, per user, no administrator rights needed.
; Build: makensis -INPUTCHARSET UTF8 -DVERSION=0.1.0 -DSRCDIR=<PyInstaller dist/nianbao> -DOUTFILE=<setup.exe> nianbao.nsi
; Silent: setup.exe /S [/D=C:\path]   uninstall.exe /S
; The uninstaller removes only what the installer wrote. It never touches the user's reports, settings or
; autosaves (%LOCALAPPDATA%\nianbao, %APPDATA%\nianbao, Documents).

Unicode true
!ifndef TARGET
  !define TARGET amd64-unicode ; Debian's nsis has these stubs; the official Windows build may need -DTARGET=x86-unicode
!endif
Target ${TARGET}
SetCompressor /SOLID lzma
SetCompressorDictSize 64
RequestExecutionLevel user
ManifestDPIAware true
ManifestSupportedOS all

!ifndef VERSION
  !error "pass -DVERSION=x.y.z"
!endif
!ifndef SRCDIR
  !error "pass -DSRCDIR=path of the PyInstaller one-folder build"
!endif
!ifndef OUTFILE
  !define OUTFILE "nianbao-${VERSION}-setup-x64.exe"
!endif
!ifndef VERSION4
  !define VERSION4 "${VERSION}.0"
!endif

!define APPNAME "年报助手"
!define PUBLISHER "年报助手开发组"
!define EXE "nianbao.exe"
!define UNINSTALLER "uninstall.exe"
!define UNINST_KEY "Software\Microsoft\Windows\CurrentVersion\Uninstall\nianbao"
!define CLASSES "Software\Classes"
!define EXT ".nianbao"
!define PROGID "nianbao.Report"
!define MIN_BUILD 17763 ; Windows 10 1809 (LTSC 2019): the oldest Windows 10 that Qt 6.8 supports

!include "MUI2.nsh"
!include "LogicLib.nsh"
!include "FileFunc.nsh"
!include "WinVer.nsh"
!include "x64.nsh"

Name "${APPNAME}"
Caption "${APPNAME} ${VERSION} 安装程序"
UninstallCaption "卸载 ${APPNAME}"
BrandingText "${APPNAME} ${VERSION}"
OutFile "${OUTFILE}"
InstallDir "$LOCALAPPDATA\Programs\${APPNAME}"
InstallDirRegKey HKCU "${UNINST_KEY}" "InstallLocation" ; an upgrade goes where the old version is
ShowInstDetails nevershow
ShowUninstDetails nevershow

VIProductVersion "${VERSION4}"
VIAddVersionKey /LANG=2052 "ProductName" "${APPNAME}"
VIAddVersionKey /LANG=2052 "ProductVersion" "${VERSION}"
VIAddVersionKey /LANG=2052 "FileVersion" "${VERSION}"
VIAddVersionKey /LANG=2052 "FileDescription" "${APPNAME} 安装程序"
VIAddVersionKey /LANG=2052 "CompanyName" "${PUBLISHER}"
VIAddVersionKey /LANG=2052 "LegalCopyright" "${PUBLISHER}"

!define MUI_ICON "nianbao.ico"
!define MUI_UNICON "nianbao.ico"
; The wizard's own pictures (installer/make_wizard_images.py renders them from resources/icon.svg).
!define MUI_WELCOMEFINISHPAGE_BITMAP "wizard-side.bmp"
!define MUI_UNWELCOMEFINISHPAGE_BITMAP "wizard-side.bmp"
!define MUI_HEADERIMAGE
!define MUI_HEADERIMAGE_RIGHT
!define MUI_HEADERIMAGE_BITMAP "wizard-header.bmp"
!define MUI_HEADERIMAGE_UNBITMAP "wizard-header.bmp"
!define MUI_ABORTWARNING
!define MUI_WELCOMEPAGE_TITLE "欢迎安装${APPNAME} ${VERSION}"
!define MUI_WELCOMEPAGE_TEXT "${APPNAME}帮助您编制政府信息公开工作年度报告：填写表格、检查勾稽关系、导出 Word 和 Excel。$\r$\n$\r$\n本程序只为当前用户安装，不需要管理员权限。如果已安装旧版本，将直接升级，您的报告和设置不受影响。$\r$\n$\r$\n点击“下一步”继续。"
!define MUI_FINISHPAGE_RUN "$INSTDIR\${EXE}"
!define MUI_FINISHPAGE_RUN_TEXT "运行${APPNAME}"

!insertmacro MUI_PAGE_WELCOME
!insertmacro MUI_PAGE_DIRECTORY
!insertmacro MUI_PAGE_INSTFILES
!insertmacro MUI_PAGE_FINISH
!insertmacro MUI_UNPAGE_CONFIRM
!insertmacro MUI_UNPAGE_INSTFILES
!insertmacro MUI_LANGUAGE "SimpChinese"

; The program files may not be replaced while the app runs: ask the user to close it (silent: wait, then fail).
!macro ENSURE_NOT_RUNNING un
Function ${un}EnsureNotRunning
  StrCpy $R9 0
  ${Do}
    ${IfNot} ${FileExists} "$INSTDIR\${EXE}"
      Return
    ${EndIf}
    ClearErrors
    FileOpen $R8 "$INSTDIR\${EXE}" a ; fails while the exe is running
    ${IfNot} ${Errors}
      FileClose $R8
      Return
    ${EndIf}
    ${If} ${Silent}
      IntOp $R9 $R9 + 1
      ${If} $R9 > 30
        SetErrorLevel 5
        Quit
      ${EndIf}
      Sleep 1000
    ${Else}
      MessageBox MB_RETRYCANCEL|MB_ICONEXCLAMATION "${APPNAME}正在运行。$\r$\n请先保存报告并关闭${APPNAME}，然后点击“重试”。" IDRETRY retry
      Quit
      retry:
    ${EndIf}
  ${Loop}
FunctionEnd
!macroend
!insertmacro ENSURE_NOT_RUNNING ""
!insertmacro ENSURE_NOT_RUNNING "un."

Function .onInit
  SetShellVarContext current
  ${IfNot} ${RunningX64}
  ${OrIfNot} ${AtLeastBuild} ${MIN_BUILD}
    MessageBox MB_OK|MB_ICONSTOP "${APPNAME}需要 64 位 Windows 10（1809 版或更高）或 Windows 11。$\r$\n$\r$\n本电脑的 Windows 版本过旧，无法安装。" /SD IDOK
    SetErrorLevel 3
    Quit
  ${EndIf}
FunctionEnd

Function un.onInit
  SetShellVarContext current
FunctionEnd

Section "${APPNAME}" SecMain
  SectionIn RO
  Call EnsureNotRunning
  ; Upgrade in place: drop the old program files first so no stale library survives. Only our own files.
  RMDir /r "$INSTDIR\_internal"
  Delete "$INSTDIR\${EXE}"

  SetOutPath "$INSTDIR"
  File /r "${SRCDIR}\*.*"
  WriteUninstaller "$INSTDIR\${UNINSTALLER}"

  CreateShortcut "$SMPROGRAMS\${APPNAME}.lnk" "$INSTDIR\${EXE}" "" "$INSTDIR\${EXE}" 0 SW_SHOWNORMAL "" "编制政府信息公开工作年度报告"
  CreateShortcut "$DESKTOP\${APPNAME}.lnk" "$INSTDIR\${EXE}" "" "$INSTDIR\${EXE}" 0 SW_SHOWNORMAL "" "编制政府信息公开工作年度报告"

  ; Per-user file association: double-clicking a .nianbao report opens it.
  WriteRegStr HKCU "${CLASSES}\${EXT}" "" "${PROGID}"
  WriteRegStr HKCU "${CLASSES}\${EXT}" "Content Type" "application/x-nianbao"
  WriteRegStr HKCU "${CLASSES}\${EXT}\OpenWithProgids" "${PROGID}" ""
  WriteRegStr HKCU "${CLASSES}\${PROGID}" "" "年报项目文件"
  WriteRegStr HKCU "${CLASSES}\${PROGID}\DefaultIcon" "" "$INSTDIR\${EXE},0"
  WriteRegStr HKCU "${CLASSES}\${PROGID}\shell" "" "open"
  WriteRegStr HKCU "${CLASSES}\${PROGID}\shell\open" "" "用年报助手打开(&O)"
  WriteRegStr HKCU "${CLASSES}\${PROGID}\shell\open\command" "" '"$INSTDIR\${EXE}" "%1"'
  WriteRegStr HKCU "${CLASSES}\Applications\${EXE}" "FriendlyAppName" "${APPNAME}"
  WriteRegStr HKCU "${CLASSES}\Applications\${EXE}\SupportedTypes" "${EXT}" ""
  WriteRegStr HKCU "${CLASSES}\Applications\${EXE}\shell\open\command" "" '"$INSTDIR\${EXE}" "%1"'
  System::Call 'shell32::SHChangeNotify(i 0x08000000, i 0x1000, p 0, p 0)' ; SHCNE_ASSOCCHANGED, SHCNF_FLUSH

  ; 应用和功能 (Apps & features) entry.
  ${GetSize} "$INSTDIR" "/S=0K" $0 $1 $2
  WriteRegStr HKCU "${UNINST_KEY}" "DisplayName" "${APPNAME}"
  WriteRegStr HKCU "${UNINST_KEY}" "DisplayVersion" "${VERSION}"
  WriteRegStr HKCU "${UNINST_KEY}" "Publisher" "${PUBLISHER}"
  WriteRegStr HKCU "${UNINST_KEY}" "DisplayIcon" "$INSTDIR\${EXE},0"
  WriteRegStr HKCU "${UNINST_KEY}" "InstallLocation" "$INSTDIR"
  WriteRegStr HKCU "${UNINST_KEY}" "UninstallString" '"$INSTDIR\${UNINSTALLER}"'
  WriteRegStr HKCU "${UNINST_KEY}" "QuietUninstallString" '"$INSTDIR\${UNINSTALLER}" /S'
  WriteRegDWORD HKCU "${UNINST_KEY}" "EstimatedSize" $0
  WriteRegDWORD HKCU "${UNINST_KEY}" "NoModify" 1
  WriteRegDWORD HKCU "${UNINST_KEY}" "NoRepair" 1
SectionEnd

Section "Uninstall"
  Call un.EnsureNotRunning
  ; Only what the installer wrote. Reports, settings and autosaves live elsewhere and stay.
  RMDir /r "$INSTDIR\_internal"
  Delete "$INSTDIR\${EXE}"
  Delete "$INSTDIR\${UNINSTALLER}"
  RMDir "$INSTDIR" ; only if empty: a file the user put there keeps the folder

  Delete "$SMPROGRAMS\${APPNAME}.lnk"
  Delete "$DESKTOP\${APPNAME}.lnk"

  ; The association, unless another program has taken .nianbao over since.
  ReadRegStr $0 HKCU "${CLASSES}\${EXT}" ""
  ${If} $0 == "${PROGID}"
    DeleteRegValue HKCU "${CLASSES}\${EXT}" ""
    DeleteRegValue HKCU "${CLASSES}\${EXT}" "Content Type"
  ${EndIf}
  DeleteRegValue HKCU "${CLASSES}\${EXT}\OpenWithProgids" "${PROGID}"
  DeleteRegKey /ifempty HKCU "${CLASSES}\${EXT}\OpenWithProgids"
  DeleteRegKey /ifempty HKCU "${CLASSES}\${EXT}"
  DeleteRegKey HKCU "${CLASSES}\${PROGID}"
  DeleteRegKey HKCU "${CLASSES}\Applications\${EXE}"
  System::Call 'shell32::SHChangeNotify(i 0x08000000, i 0x1000, p 0, p 0)'

  DeleteRegKey HKCU "${UNINST_KEY}"
SectionEnd
