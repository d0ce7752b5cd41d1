# -*- coding: utf-8 -*-

################################################################################
## Form generated from reading UI file 'accept_warning.ui'
##
## Created by: Qt User Interface Compiler version 6.9.3
##
## WARNING! All changes made in this file will be lost when recompiling UI file!
################################################################################

from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import QDialogButtonBox, QLabel, QPlainTextEdit, QVBoxLayout

class Ui_AcceptWarningDialog(object):
    def setupUi(self, AcceptWarningDialog):
        if not AcceptWarningDialog.objectName():
            AcceptWarningDialog.setObjectName(u"AcceptWarningDialog")
        AcceptWarningDialog.resize(460, 260)
        self.layout = QVBoxLayout(AcceptWarningDialog)
        self.layout.setObjectName(u"layout")
        self.message = QLabel(AcceptWarningDialog)
        self.message.setObjectName(u"message")
        self.message.setWordWrap(True)

        self.layout.addWidget(self.message)

        self.prompt = QLabel(AcceptWarningDialog)
        self.prompt.setObjectName(u"prompt")

        self.layout.addWidget(self.prompt)

        self.text = QPlainTextEdit(AcceptWarningDialog)
        self.text.setObjectName(u"text")

        self.layout.addWidget(self.text)

        self.buttons = QDialogButtonBox(AcceptWarningDialog)
        self.buttons.setObjectName(u"buttons")
        self.buttons.setStandardButtons(QDialogButtonBox.Cancel|QDialogButtonBox.Ok)

        self.layout.addWidget(self.buttons)

#if QT_CONFIG(shortcut)
        self.prompt.setBuddy(self.text)
#endif // QT_CONFIG(shortcut)

        self.retranslateUi(AcceptWarningDialog)
        self.buttons.accepted.connect(AcceptWarningDialog.accept)
        self.buttons.rejected.connect(AcceptWarningDialog.reject)
    # setupUi

    def retranslateUi(self, AcceptWarningDialog):
        AcceptWarningDialog.setWindowTitle(QCoreApplication.translate("AcceptWarningDialog", u"\u586b\u5199\u51fa\u9519\u8bf4\u660e", None))
        self.prompt.setText(QCoreApplication.translate("AcceptWarningDialog", u"\u8bf7\u8bf4\u660e\u539f\u56e0\uff08\u5c06\u4fdd\u5b58\u5728\u62a5\u544a\u6587\u4ef6\u4e2d\uff09\uff1a", None))
        self.text.setPlaceholderText(QCoreApplication.translate("AcceptWarningDialog", u"\u4f8b\u5982\uff1a\u4e0a\u5e74\u62a5\u544a\u7ed3\u8f6c\u6570\u5b57\u6709\u8bef\uff0c\u672c\u5e74\u5df2\u6309\u5b9e\u9645\u60c5\u51b5\u66f4\u6b63\u3002", None))
    # retranslateUi

