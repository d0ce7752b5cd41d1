# -*- coding: utf-8 -*-

################################################################################
## Form generated from reading UI file 'import_review.ui'
##
## Created by: Qt User Interface Compiler version 6.9.3
##
## WARNING! All changes made in this file will be lost when recompiling UI file!
################################################################################

from PySide6.QtCore import QCoreApplication, Qt
from PySide6.QtWidgets import QAbstractItemView, QDialogButtonBox, QHBoxLayout, QLabel, QPlainTextEdit, QPushButton, QSizePolicy, QSpacerItem, QSplitter, QTabWidget, QTableWidget, QTableWidgetItem, QVBoxLayout, QWidget

class Ui_ImportReviewDialog(object):
    def setupUi(self, ImportReviewDialog):
        if not ImportReviewDialog.objectName():
            ImportReviewDialog.setObjectName(u"ImportReviewDialog")
        ImportReviewDialog.resize(1100, 680)
        self.layout = QVBoxLayout(ImportReviewDialog)
        self.layout.setObjectName(u"layout")
        self.detected = QLabel(ImportReviewDialog)
        self.detected.setObjectName(u"detected")
        self.detected.setWordWrap(True)

        self.layout.addWidget(self.detected)

        self.splitter = QSplitter(ImportReviewDialog)
        self.splitter.setObjectName(u"splitter")
        self.splitter.setOrientation(Qt.Horizontal)
        self.left = QWidget(self.splitter)
        self.left.setObjectName(u"left")
        self.left_layout = QVBoxLayout(self.left)
        self.left_layout.setObjectName(u"left_layout")
        self.left_layout.setContentsMargins(0, 0, 0, 0)
        self.source_label = QLabel(self.left)
        self.source_label.setObjectName(u"source_label")
        self.source_label.setWordWrap(True)

        self.left_layout.addWidget(self.source_label)

        self.source = QPlainTextEdit(self.left)
        self.source.setObjectName(u"source")
        self.source.setLineWrapMode(QPlainTextEdit.WidgetWidth)

        self.left_layout.addWidget(self.source)

        self.splitter.addWidget(self.left)
        self.right = QWidget(self.splitter)
        self.right.setObjectName(u"right")
        self.right_layout = QVBoxLayout(self.right)
        self.right_layout.setObjectName(u"right_layout")
        self.right_layout.setContentsMargins(0, 0, 0, 0)
        self.tables = QTabWidget(self.right)
        self.tables.setObjectName(u"tables")
        self.cells_page = QWidget()
        self.cells_page.setObjectName(u"cells_page")
        self.cells_layout = QVBoxLayout(self.cells_page)
        self.cells_layout.setObjectName(u"cells_layout")
        self.cells_layout.setContentsMargins(0, 0, 0, 0)
        self.cells = QTableWidget(self.cells_page)
        if (self.cells.columnCount() < 5):
            self.cells.setColumnCount(5)
        __qtablewidgetitem = QTableWidgetItem()
        self.cells.setHorizontalHeaderItem(0, __qtablewidgetitem)
        __qtablewidgetitem1 = QTableWidgetItem()
        self.cells.setHorizontalHeaderItem(1, __qtablewidgetitem1)
        __qtablewidgetitem2 = QTableWidgetItem()
        self.cells.setHorizontalHeaderItem(2, __qtablewidgetitem2)
        __qtablewidgetitem3 = QTableWidgetItem()
        self.cells.setHorizontalHeaderItem(3, __qtablewidgetitem3)
        __qtablewidgetitem4 = QTableWidgetItem()
        self.cells.setHorizontalHeaderItem(4, __qtablewidgetitem4)
        self.cells.setObjectName(u"cells")
        self.cells.setEditTriggers(QAbstractItemView.NoEditTriggers)
        self.cells.setSelectionBehavior(QAbstractItemView.SelectRows)
        self.cells.setAlternatingRowColors(True)
        self.cells.setWordWrap(False)

        self.cells_layout.addWidget(self.cells)

        self.tables.addTab(self.cells_page, "")

        self.right_layout.addWidget(self.tables)

        self.issues_label = QLabel(self.right)
        self.issues_label.setObjectName(u"issues_label")
        self.issues_label.setWordWrap(True)

        self.right_layout.addWidget(self.issues_label)

        self.issues = QTableWidget(self.right)
        if (self.issues.columnCount() < 4):
            self.issues.setColumnCount(4)
        __qtablewidgetitem5 = QTableWidgetItem()
        self.issues.setHorizontalHeaderItem(0, __qtablewidgetitem5)
        __qtablewidgetitem6 = QTableWidgetItem()
        self.issues.setHorizontalHeaderItem(1, __qtablewidgetitem6)
        __qtablewidgetitem7 = QTableWidgetItem()
        self.issues.setHorizontalHeaderItem(2, __qtablewidgetitem7)
        __qtablewidgetitem8 = QTableWidgetItem()
        self.issues.setHorizontalHeaderItem(3, __qtablewidgetitem8)
        self.issues.setObjectName(u"issues")
        self.issues.setEditTriggers(QAbstractItemView.NoEditTriggers)
        self.issues.setSelectionBehavior(QAbstractItemView.SelectRows)
        self.issues.setAlternatingRowColors(True)
        self.issues.setWordWrap(False)

        self.right_layout.addWidget(self.issues)

        self.right_layout.setStretch(0, 3)
        self.right_layout.setStretch(2, 2)
        self.splitter.addWidget(self.right)

        self.layout.addWidget(self.splitter)

        self.button_row = QHBoxLayout()
        self.button_row.setObjectName(u"button_row")
        self.reread = QPushButton(ImportReviewDialog)
        self.reread.setObjectName(u"reread")

        self.button_row.addWidget(self.reread)

        self.spacer = QSpacerItem(0, 0, QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Minimum)

        self.button_row.addItem(self.spacer)

        self.buttons = QDialogButtonBox(ImportReviewDialog)
        self.buttons.setObjectName(u"buttons")
        self.buttons.setStandardButtons(QDialogButtonBox.Cancel|QDialogButtonBox.Ok)

        self.button_row.addWidget(self.buttons)


        self.layout.addLayout(self.button_row)

        self.layout.setStretch(1, 1)

        self.retranslateUi(ImportReviewDialog)
        self.buttons.accepted.connect(ImportReviewDialog.accept)
        self.buttons.rejected.connect(ImportReviewDialog.reject)

        self.tables.setCurrentIndex(0)

    # setupUi

    def retranslateUi(self, ImportReviewDialog):
        ImportReviewDialog.setWindowTitle(QCoreApplication.translate("ImportReviewDialog", u"\u5bfc\u5165\u5df2\u53d1\u5e03\u7684\u5e74\u62a5", None))
        self.detected.setText("")
        self.source_label.setText(QCoreApplication.translate("ImportReviewDialog", u"\u539f\u6587\uff08\u53ef\u7c98\u8d34\u4ece\u7f51\u9875\u590d\u5236\u7684\u6587\u5b57\uff0c\u7136\u540e\u70b9\u201c\u91cd\u65b0\u8bc6\u522b\u201d\uff09\uff1a", None))
        ___qtablewidgetitem = self.cells.horizontalHeaderItem(0)
        ___qtablewidgetitem.setText(QCoreApplication.translate("ImportReviewDialog", u"\u8868", None));
        ___qtablewidgetitem1 = self.cells.horizontalHeaderItem(1)
        ___qtablewidgetitem1.setText(QCoreApplication.translate("ImportReviewDialog", u"\u884c", None));
        ___qtablewidgetitem2 = self.cells.horizontalHeaderItem(2)
        ___qtablewidgetitem2.setText(QCoreApplication.translate("ImportReviewDialog", u"\u5217", None));
        ___qtablewidgetitem3 = self.cells.horizontalHeaderItem(3)
        ___qtablewidgetitem3.setText(QCoreApplication.translate("ImportReviewDialog", u"\u6570\u503c", None));
        ___qtablewidgetitem4 = self.cells.horizontalHeaderItem(4)
        ___qtablewidgetitem4.setText(QCoreApplication.translate("ImportReviewDialog", u"\u6ce8\u91ca", None));
        self.tables.setTabText(self.tables.indexOf(self.cells_page), QCoreApplication.translate("ImportReviewDialog", u"\u8bc6\u522b\u51fa\u7684\u6570\u5b57", None))
        self.issues_label.setText(QCoreApplication.translate("ImportReviewDialog", u"\u672a\u80fd\u5bf9\u5e94\u7684\u6807\u7b7e\u548c\u9700\u8981\u6838\u5bf9\u7684\u5185\u5bb9\uff1a", None))
        ___qtablewidgetitem5 = self.issues.horizontalHeaderItem(0)
        ___qtablewidgetitem5.setText(QCoreApplication.translate("ImportReviewDialog", u"\u7c7b\u522b", None));
        ___qtablewidgetitem6 = self.issues.horizontalHeaderItem(1)
        ___qtablewidgetitem6.setText(QCoreApplication.translate("ImportReviewDialog", u"\u4f4d\u7f6e", None));
        ___qtablewidgetitem7 = self.issues.horizontalHeaderItem(2)
        ___qtablewidgetitem7.setText(QCoreApplication.translate("ImportReviewDialog", u"\u539f\u6587", None));
        ___qtablewidgetitem8 = self.issues.horizontalHeaderItem(3)
        ___qtablewidgetitem8.setText(QCoreApplication.translate("ImportReviewDialog", u"\u8bf4\u660e", None));
        self.reread.setText(QCoreApplication.translate("ImportReviewDialog", u"\u91cd\u65b0\u8bc6\u522b", None))
    # retranslateUi

